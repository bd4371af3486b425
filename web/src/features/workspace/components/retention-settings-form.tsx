import { useState, type FormEvent } from 'react';
import { FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { useNotify } from '../../../components/ui/notifications';
import { TextField } from '../../../components/ui/text-field';
import { errorMessage } from '../../../lib/api';
import type { WorkspaceSettings } from '../api/get-workspace-settings';
import { useUpdateWorkspaceSettings } from '../api/update-workspace-settings';

const MAX_DAYS = 3650;

/** "Delete messages older than" a number of days; empty keeps every message (the default). */
export function RetentionSettingsForm({ settings }: { settings: WorkspaceSettings }) {
  const notify = useNotify();
  const update = useUpdateWorkspaceSettings();
  const [days, setDays] = useState(settings.messageRetentionDays === null ? '' : String(settings.messageRetentionDays));
  const [error, setError] = useState<string | null>(null);
  const value = days.trim() === '' ? null : Number(days);
  const fieldError = value !== null && (!Number.isInteger(value) || value < 1 || value > MAX_DAYS) ? `Enter whole days from 1 to ${MAX_DAYS}, or leave it empty to keep every message.` : undefined;

  const save = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (fieldError) return;
    update.mutate(
      { messageRetentionDays: value },
      {
        onSuccess: () => notify({ tone: 'success', message: value === null ? 'Messages are kept.' : `Messages older than ${value} days will be deleted daily.` }),
        onError: (failure) => setError(`Not saved: ${errorMessage(failure)}`),
      },
    );
  };

  return (
    <form className="settings-form" onSubmit={save} aria-label="Message retention">
      <FormError>{error}</FormError>
      <TextField
        label="Delete messages older than"
        hint="Days. Empty keeps every message (the default). Applied daily; a conversation's newest message stays while you can still reply there."
        type="number"
        min={1}
        max={MAX_DAYS}
        value={days}
        error={fieldError}
        onChange={(event) => setDays(event.target.value)}
      />
      <div className="form-actions">
        <Button type="submit" pending={update.isPending}>
          Save retention
        </Button>
      </div>
    </form>
  );
}
