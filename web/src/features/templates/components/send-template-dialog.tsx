import { FileText, RefreshCw } from 'lucide-react';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { TextField } from '../../../components/ui/text-field';
import { errorMessage } from '../../../lib/api';
import { useTemplates } from '../api/list-templates';
import { useRefreshTemplates } from '../api/refresh-templates';
import { useSendTemplate } from '../api/send-template';
import { renderTemplate } from '../lib/render-template';
import '../templates.css';

const keyOf = (t: { name: string; language: string }) => `${t.name}|${t.language}`;

export interface SendTemplateDialogProps {
  conversationId: string;
  /** Set when the agent answers on WhatsApp from the contact's other conversation. */
  channel?: 'whatsapp';
  /** Why a template is needed (the window closed), said in the dialog. */
  windowOpen: boolean;
}

/**
 * Button **Send template** and the dialog **Send a template**: select **Template**, one textbox
 * per variable (**Variable 1**, …), the message as the customer will see it, and **Send template**.
 * Only templates Meta approved can be chosen; the others are listed, disabled, with their status.
 */
export function SendTemplateDialog({ conversationId, channel, windowOpen }: SendTemplateDialogProps) {
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState('');
  const [values, setValues] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const templates = useTemplates({ enabled: open });
  const refresh = useRefreshTemplates();
  const send = useSendTemplate();
  const selectId = useId();
  const previewId = useId();

  const list = templates.data?.templates ?? [];
  const template = list.find((t) => keyOf(t) === chosen && t.sendable);

  useEffect(() => {
    if (!open) {
      setChosen('');
      setValues([]);
      setError(null);
    }
  }, [open]);

  const choose = (key: string) => {
    setChosen(key);
    setValues(list.find((t) => keyOf(t) === key)?.variables.map(() => '') ?? []);
    setError(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // React bubbles events through the portal: the composer's own form must not see this submit.
    event.stopPropagation();
    if (!template || send.isPending) return;
    setError(null);
    send.mutate(
      { conversationId, name: template.name, language: template.language, variables: values, channel },
      { onSuccess: () => setOpen(false), onError: (failure) => setError(`Not sent: ${errorMessage(failure)}`) },
    );
  };

  const preview = template && renderTemplate(template, values);
  const missing = template ? template.variables.filter((_, i) => !values[i]?.trim()).length : 0;

  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      size="medium"
      title="Send a template"
      description={
        windowOpen
          ? 'A message template Meta approved, for receipts and updates.'
          : 'The 24-hour window is closed: WhatsApp only lets a business start again with a template Meta approved.'
      }
      trigger={
        <Button type="button" variant="secondary">
          <FileText aria-hidden="true" size={16} /> Send template
        </Button>
      }
    >
      <form className="tpl-form" onSubmit={submit} aria-label="Send a template">
        <div className="tpl-choose">
          <div className="field">
            <label className="field-label" htmlFor={selectId}>
              Template
            </label>
            <select id={selectId} className="field-input" value={chosen} onChange={(event) => choose(event.target.value)}>
              <option value="">{templates.isPending ? 'Loading templates…' : list.length ? 'Choose a template' : 'No templates yet: refresh'}</option>
              {list.map((t) => (
                <option key={keyOf(t)} value={keyOf(t)} disabled={!t.sendable}>
                  {`${t.name} (${t.language})${t.sendable ? '' : ` · ${t.status.toLowerCase()}, cannot be sent`}`}
                </option>
              ))}
            </select>
          </div>
          <Button type="button" variant="ghost" pending={refresh.isPending} onClick={() => refresh.mutate(undefined, { onSuccess: (data) => setError(data.refreshError ?? null), onError: (failure) => setError(errorMessage(failure)) })}>
            <RefreshCw aria-hidden="true" size={16} /> Refresh templates
          </Button>
        </div>
        {templates.isError && <FormError>{errorMessage(templates.error)}</FormError>}
        {template?.variables.map((variable, index) => (
          <TextField
            key={`${chosen}-${variable.label}`}
            label={variable.label}
            value={values[index] ?? ''}
            onChange={(event) => setValues((current) => current.map((v, i) => (i === index ? event.target.value : v)))}
          />
        ))}
        {preview && (
          <section className="tpl-preview" aria-labelledby={previewId}>
            <h3 id={previewId} className="tpl-preview-title">
              Preview: what the customer will see
            </h3>
            <div className="tpl-bubble" data-testid="template-preview">
              {preview.header && <p className="tpl-header">{preview.header}</p>}
              <p className="tpl-body">{preview.body}</p>
              {preview.footer && <p className="tpl-footer">{preview.footer}</p>}
              {preview.buttons.length > 0 && (
                <ul className="tpl-buttons" aria-label="Buttons">
                  {preview.buttons.map((b) => (
                    <li key={b.text}>{b.url ? `${b.text} (${b.url})` : b.text}</li>
                  ))}
                </ul>
              )}
            </div>
          </section>
        )}
        <FormError>{error}</FormError>
        <div className="dialog-footer">
          <Button type="submit" pending={send.isPending} disabled={!template || missing > 0}>
            Send template
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
