import { useState, type FormEvent } from 'react';
import { FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { useNotify } from '../../../components/ui/notifications';
import { TextField } from '../../../components/ui/text-field';
import { errorMessage } from '../../../lib/api';
import { useConnectChannel, useReplaceChannelToken, type ChannelConnection } from '../api/channel-connections';

interface FieldSpec<K extends string> {
  key: K;
  label: string;
  secret?: boolean;
  hint?: string;
}

/** A connect form: every field required; Meta's answer (or refusal) comes back from the server. */
function ConnectForm<K extends string>({ fields, onSubmit, pending, error }: { fields: FieldSpec<K>[]; onSubmit: (values: Record<K, string>) => void; pending: boolean; error: string | null }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(Object.fromEntries(fields.map((f) => [f.key, (values[f.key] ?? '').trim()])) as Record<K, string>);
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormError>{error}</FormError>
      {fields.map((field) => (
        <TextField
          key={field.key}
          label={field.label}
          hint={field.hint}
          type={field.secret ? 'password' : 'text'}
          autoComplete="off"
          spellCheck={false}
          required
          value={values[field.key] ?? ''}
          onChange={(event) => setValues((current) => ({ ...current, [field.key]: event.target.value }))}
        />
      ))}
      <Button type="submit" pending={pending}>
        Connect
      </Button>
    </form>
  );
}

export function ConnectInstagramDialog({ disabled }: { disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const connect = useConnectChannel();
  const notify = useNotify();
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) connect.reset();
      }}
      title="Connect Instagram account"
      description="Braid asks Meta whose token this is, then subscribes your app to the account's messages."
      size="medium"
      trigger={<Button disabled={disabled}>Connect Instagram account</Button>}
    >
      <ConnectForm
        fields={[
          { key: 'accountId', label: 'Instagram account ID', hint: 'The user_id of your professional account (webhook entry.id).' },
          { key: 'accessToken', label: 'Access token', secret: true },
          { key: 'appSecret', label: 'App secret', secret: true, hint: 'The secret of the app that signs this account’s webhooks.' },
        ]}
        pending={connect.isPending}
        error={connect.isError ? errorMessage(connect.error) : null}
        onSubmit={(body) =>
          connect.mutate(
            { kind: 'instagram', body },
            {
              onSuccess: ({ channel }) => {
                notify({ tone: 'success', message: `${channel.name} is connected.` });
                setOpen(false);
              },
            },
          )
        }
      />
    </Dialog>
  );
}

export function ConnectWhatsAppDialog({ disabled }: { disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const connect = useConnectChannel();
  const notify = useNotify();
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) connect.reset();
      }}
      title="Connect WhatsApp number"
      description="Braid asks Meta which number this token reaches, then subscribes your app to the business account's messages."
      size="medium"
      trigger={<Button disabled={disabled}>Connect WhatsApp number</Button>}
    >
      <ConnectForm
        fields={[
          { key: 'phoneNumberId', label: 'Phone number ID' },
          { key: 'businessAccountId', label: 'WhatsApp Business Account ID' },
          { key: 'phoneNumber', label: 'Phone number', hint: 'With the country code, e.g. +1 555 078 3881.' },
          { key: 'accessToken', label: 'Access token', secret: true },
          { key: 'appSecret', label: 'App secret', secret: true },
        ]}
        pending={connect.isPending}
        error={connect.isError ? errorMessage(connect.error) : null}
        onSubmit={(body) =>
          connect.mutate(
            { kind: 'whatsapp', body },
            {
              onSuccess: ({ channel }) => {
                notify({ tone: 'success', message: `${channel.name} is connected.` });
                setOpen(false);
              },
            },
          )
        }
      />
    </Dialog>
  );
}

export function ReplaceTokenDialog({ channel, open, onOpenChange }: { channel: ChannelConnection; open: boolean; onOpenChange: (open: boolean) => void }) {
  const replace = useReplaceChannelToken();
  const notify = useNotify();
  const [token, setToken] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    replace.mutate(
      { channelId: channel.id, accessToken: token.trim() },
      {
        onSuccess: () => {
          notify({ tone: 'success', message: `The token of ${channel.name} was replaced; waiting messages are being sent.` });
          setToken('');
          onOpenChange(false);
        },
      },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) replace.reset();
      }}
      title={`Replace token of ${channel.name}`}
      size="medium"
    >
      <form className="form" onSubmit={submit} noValidate>
        <FormError>{replace.isError ? errorMessage(replace.error) : null}</FormError>
        <TextField label="Access token" type="password" autoComplete="off" spellCheck={false} required value={token} onChange={(event) => setToken(event.target.value)} />
        <Button type="submit" pending={replace.isPending}>
          Replace
        </Button>
      </form>
    </Dialog>
  );
}
