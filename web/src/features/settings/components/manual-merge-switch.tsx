import { useState } from 'react';
import { FormError } from '../../../components/ui/alert';
import { Switch } from '../../../components/ui/switch';
import { useNotify } from '../../../components/ui/notifications';
import { errorMessage } from '../../../lib/api';
import { useUpdateChannelSettings, type Channel } from '../../channels';

/**
 * The guide's **Manual merge mode** switch. It is the inverse of the channel's
 * `allowAutoMerge`: on means an agent is asked before a merge. Toggling saves at once;
 * the notification names the setting as the API does, so admins can match it in logs.
 */
export function ManualMergeSwitch({ channel, canChange }: { channel: Channel; canChange: boolean }) {
  const notify = useNotify();
  const update = useUpdateChannelSettings();
  const [error, setError] = useState<string | null>(null);
  const manual = !channel.settings.allowAutoMerge;

  const toggle = (nextManual: boolean) => {
    setError(null);
    update.mutate(
      { channelId: channel.id, allowAutoMerge: !nextManual },
      {
        onSuccess: ({ settings }) =>
          notify({
            tone: 'success',
            message: `allowAutoMerge setting updated: ${settings.allowAutoMerge} (manual merge mode is ${settings.allowAutoMerge ? 'off' : 'on'}).`,
          }),
        onError: (failure) => setError(`Manual merge mode was not changed: ${errorMessage(failure)}`),
      },
    );
  };

  return (
    <>
      <Switch
        label="Manual merge mode"
        checked={manual}
        onCheckedChange={toggle}
        pending={update.isPending}
        disabled={!canChange}
        description={
          manual
            ? 'On: when a customer connects WhatsApp through an invite, an agent is asked in the chat thread before the two contacts are merged.'
            : 'Off: when a customer connects WhatsApp through an invite, Braid merges their WhatsApp number into the Instagram contact at once.'
        }
      />
      <FormError>{error}</FormError>
    </>
  );
}
