import { Pencil } from 'lucide-react';
import { useState } from 'react';
import { FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { useNotify } from '../../../components/ui/notifications';
import { Switch } from '../../../components/ui/switch';
import { errorMessage } from '../../../lib/api';
import type { ChannelKind } from '../../../lib/channel-kind';
import { useAutomations } from '../api/list-automations';
import { useUpdateAutomation } from '../api/update-automation';
import type { Automation } from '../api/automation-schema';
import { STEP_TYPE_LABEL, TRIGGER_MODE_LABEL } from '../lib/steps';
import { AutomationEditor } from './automation-editor';
import '../automations.css';

function AutomationCard({ automation, canEdit }: { automation: Automation; canEdit: boolean }) {
  const notify = useNotify();
  const update = useUpdateAutomation();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { trigger } = automation;
  return (
    <li className="card automation-card">
      <div className="automation-head">
        <div>
          <h3>{automation.name}</h3>
          <p className="muted">
            {TRIGGER_MODE_LABEL[trigger.mode]}
            {trigger.mode !== 'any_first_message' && `: ${trigger.keywords.join(', ')}`} · {automation.steps.length} steps
          </p>
        </div>
        <Switch
          label={`Enabled: ${automation.name}`}
          checked={automation.enabled}
          disabled={!canEdit}
          pending={update.isPending}
          onCheckedChange={(enabled) => {
            setError(null);
            update.mutate(
              { id: automation.id, changes: { enabled } },
              {
                onSuccess: () => notify({ tone: 'success', message: `Automation “${automation.name}” ${enabled ? 'enabled' : 'disabled'}.` }),
                onError: (failure) => setError(`Not changed: ${errorMessage(failure)}`),
              },
            );
          }}
        />
      </div>
      <FormError>{error}</FormError>
      {editing ? (
        <AutomationEditor automation={automation} onDone={() => setEditing(false)} />
      ) : (
        <>
          <ol className="automation-steps-summary">
            {automation.steps.map((step, index) => (
              <li key={index}>
                {STEP_TYPE_LABEL[step.type] ?? step.type}
                {typeof step.text === 'string' && <span className="muted">: {step.text}</span>}
              </li>
            ))}
          </ol>
          {canEdit && (
            <Button variant="secondary" onClick={() => setEditing(true)}>
              <Pencil aria-hidden="true" size={16} /> Edit {automation.name}
            </Button>
          )}
        </>
      )}
    </li>
  );
}

/** A channel's automated response sequences, in the order they are tried ("Hi" first out of the box). */
export function AutomationList({ channel, canEdit }: { channel: ChannelKind; canEdit: boolean }) {
  const automations = useAutomations(channel);
  if (automations.isPending) return <p className="muted">Loading automations…</p>;
  if (automations.isError) return <FormError>{`Automations could not be loaded: ${errorMessage(automations.error)}`}</FormError>;
  if (automations.data.length === 0) return <p className="muted">No automations on this channel yet.</p>;
  return (
    <ul className="automation-list" aria-label="Automations">
      {automations.data.map((automation) => (
        <AutomationCard key={automation.id} automation={automation} canEdit={canEdit} />
      ))}
    </ul>
  );
}
