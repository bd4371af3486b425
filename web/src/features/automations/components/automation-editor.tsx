import { useId, useState, type FormEvent } from 'react';
import { FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { useNotify } from '../../../components/ui/notifications';
import { TextField } from '../../../components/ui/text-field';
import { errorMessage } from '../../../lib/api';
import { TRIGGER_MODES, type Automation, type TriggerMode } from '../api/automation-schema';
import { useUpdateAutomation } from '../api/update-automation';
import { TRIGGER_MODE_LABEL } from '../lib/steps';
import { keyed, StepsEditor, type KeyedStep } from './steps-editor';

/**
 * Edits one automation's trigger (mode, keywords) and steps as a draft; **Save** sends it
 * whole, and a refusal shows the API's pointed message ("Step 3 (branch): …") above the form.
 */
export function AutomationEditor({ automation, onDone }: { automation: Automation; onDone: () => void }) {
  const id = useId();
  const notify = useNotify();
  const update = useUpdateAutomation();
  const [name, setName] = useState(automation.name);
  const [mode, setMode] = useState<TriggerMode>(automation.trigger.mode);
  const [keywords, setKeywords] = useState(automation.trigger.keywords.join(', '));
  const [steps, setSteps] = useState<KeyedStep[]>(() => automation.steps.map(keyed));
  const [error, setError] = useState<string | null>(null);

  const save = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    update.mutate(
      {
        id: automation.id,
        changes: {
          name,
          trigger: { mode, keywords: keywords.split(',').map((keyword) => keyword.trim()).filter(Boolean) },
          steps: steps.map((item) => item.step),
        },
      },
      {
        onSuccess: () => {
          notify({ tone: 'success', message: `Automation “${name}” saved.` });
          onDone();
        },
        onError: (failure) => setError(`Not saved: ${errorMessage(failure)}`),
      },
    );
  };

  return (
    <form className="automation-editor" onSubmit={save} aria-label={`Edit automation ${automation.name}`}>
      <FormError>{error}</FormError>
      <TextField label="Name" value={name} onChange={(event) => setName(event.target.value)} />
      <fieldset className="trigger-editor">
        <legend>Trigger</legend>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-mode`}>
            Match
          </label>
          <select id={`${id}-mode`} className="field-input" value={mode} onChange={(event) => setMode(event.target.value as TriggerMode)}>
            {TRIGGER_MODES.map((option) => (
              <option key={option} value={option}>
                {TRIGGER_MODE_LABEL[option]}
              </option>
            ))}
          </select>
        </div>
        {mode !== 'any_first_message' && (
          <TextField
            label="Keywords"
            hint="Separated by commas. Case, punctuation and emoji are ignored, so “hi”, “Hi!” and “HI 👋” all match Hi."
            value={keywords}
            onChange={(event) => setKeywords(event.target.value)}
          />
        )}
      </fieldset>
      <fieldset className="steps-fieldset">
        <legend>Steps</legend>
        <StepsEditor steps={steps} onChange={setSteps} />
      </fieldset>
      <div className="form-actions">
        <Button type="submit" pending={update.isPending}>
          Save automation
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
