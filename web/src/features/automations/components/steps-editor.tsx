import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useId, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { IconButton } from '../../../components/ui/icon-button';
import type { Step } from '../api/automation-schema';
import { STEP_TYPE_LABEL, STEP_TYPES, moveStep, newStep, removeStep } from '../lib/steps';
import { StepFields } from './step-fields';

export interface KeyedStep {
  /** Stable across reordering, so each step's fields keep their own typing state. */
  key: number;
  step: Step;
}

let nextKey = 1;
export const keyed = (step: Step): KeyedStep => ({ key: nextKey++, step });

/** The ordered steps: add, remove, move up or down (targets follow), and each step's fields. */
export function StepsEditor({ steps, onChange }: { steps: KeyedStep[]; onChange: (steps: KeyedStep[]) => void }) {
  const id = useId();
  const [typeToAdd, setTypeToAdd] = useState('send_text');
  // Moves and removals rewrite the steps' targets; keys travel with their steps.
  const apply = (change: (plain: Step[]) => Step[], keys: number[]) => {
    const next = change(steps.map((item) => item.step));
    onChange(next.map((step, index) => ({ key: keys[index]!, step })));
  };
  const keysAfterMove = (from: number, to: number) => {
    const keys = steps.map((item) => item.key);
    const [moved] = keys.splice(from, 1);
    keys.splice(to, 0, moved!);
    return keys;
  };

  return (
    <div className="steps-editor">
      <ol className="step-list">
        {steps.map(({ key, step }, index) => (
          <li key={key}>
            <fieldset className="step-card">
              <legend>
                Step {index + 1}: {STEP_TYPE_LABEL[step.type] ?? step.type}
              </legend>
              <div className="step-actions">
                <IconButton label={`Move step ${index + 1} up`} icon={ArrowUp} disabled={index === 0} onClick={() => apply((plain) => moveStep(plain, index, index - 1), keysAfterMove(index, index - 1))} />
                <IconButton
                  label={`Move step ${index + 1} down`}
                  icon={ArrowDown}
                  disabled={index === steps.length - 1}
                  onClick={() => apply((plain) => moveStep(plain, index, index + 1), keysAfterMove(index, index + 1))}
                />
                <IconButton
                  label={`Remove step ${index + 1}`}
                  icon={Trash2}
                  onClick={() => apply((plain) => removeStep(plain, index), steps.filter((_, i) => i !== index).map((item) => item.key))}
                />
              </div>
              <StepFields step={step} onChange={(changed) => onChange(steps.map((item, i) => (i === index ? { key: item.key, step: changed } : item)))} />
            </fieldset>
          </li>
        ))}
      </ol>
      <div className="step-add">
        <label className="field-label" htmlFor={`${id}-type`}>
          New step
        </label>
        <select id={`${id}-type`} className="field-input" value={typeToAdd} onChange={(event) => setTypeToAdd(event.target.value)}>
          {STEP_TYPES.map((type) => (
            <option key={type} value={type}>
              {STEP_TYPE_LABEL[type]}
            </option>
          ))}
        </select>
        <Button variant="secondary" onClick={() => onChange([...steps, keyed(newStep(typeToAdd))])}>
          <Plus aria-hidden="true" size={16} /> Add step
        </Button>
      </div>
    </div>
  );
}
