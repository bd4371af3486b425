import { useState, type FormEvent } from 'react';
import { FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { useNotify } from '../../../components/ui/notifications';
import { TextAreaField } from '../../../components/ui/text-area-field';
import { TextField } from '../../../components/ui/text-field';
import { errorMessage } from '../../../lib/api';
import type { WorkspaceSettings } from '../api/get-workspace-settings';
import { useUpdateWorkspaceSettings } from '../api/update-workspace-settings';

/** The WhatsApp invite's wording and how long its code stays valid. */
export function InviteSettingsForm({ settings }: { settings: WorkspaceSettings }) {
  const notify = useNotify();
  const update = useUpdateWorkspaceSettings();
  const [inviteText, setInviteText] = useState(settings.inviteText);
  const [inviteSentence, setInviteSentence] = useState(settings.inviteSentence);
  const [expiry, setExpiry] = useState(String(settings.inviteExpiryHours));
  const [error, setError] = useState<string | null>(null);
  const sentenceError = inviteSentence.includes('{code}') ? undefined : 'Keep {code} in the sentence: it is where the one-time code goes.';

  const save = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (sentenceError) return;
    update.mutate(
      { inviteText, inviteSentence, inviteExpiryHours: Number(expiry) },
      {
        onSuccess: () => notify({ tone: 'success', message: 'Invite settings saved.' }),
        onError: (failure) => setError(`Not saved: ${errorMessage(failure)}`),
      },
    );
  };

  return (
    <form className="settings-form" onSubmit={save} aria-label="WhatsApp invite">
      <FormError>{error}</FormError>
      <TextAreaField
        label="Invite text"
        hint="The Instagram message sent with the Connect button."
        value={inviteText}
        maxLength={640}
        onChange={(event) => setInviteText(event.target.value)}
      />
      <TextAreaField
        rows={2}
        label="Invite sentence"
        hint="Pre-filled in WhatsApp when the customer taps Connect; {code} is replaced by the one-time code."
        value={inviteSentence}
        error={sentenceError}
        maxLength={200}
        onChange={(event) => setInviteSentence(event.target.value)}
      />
      <TextField
        label="Invite expiry (hours)"
        hint="After this long an unused code no longer links anything (1 to 720 hours)."
        type="number"
        min={1}
        max={720}
        value={expiry}
        onChange={(event) => setExpiry(event.target.value)}
      />
      <div className="form-actions">
        <Button type="submit" pending={update.isPending}>
          Save invite settings
        </Button>
      </div>
    </form>
  );
}
