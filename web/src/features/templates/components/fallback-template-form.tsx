import { useEffect, useId, useState, type FormEvent } from 'react';
import { FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { useNotify } from '../../../components/ui/notifications';
import { TextField } from '../../../components/ui/text-field';
import { errorMessage } from '../../../lib/api';
import { useUpdateWorkspaceSettings, useWorkspaceSettings } from '../../workspace';
import { useTemplates } from '../api/list-templates';
import { renderTemplate } from '../lib/render-template';

const keyOf = (t: { name: string; language: string }) => `${t.name}|${t.language}`;

/**
 * Select **Template when the window is closed**: what automations and the merge confirmation send
 * on WhatsApp after the 24 hours instead of stopping. Only approved templates are offered.
 */
export function FallbackTemplateForm() {
  const settings = useWorkspaceSettings();
  const templates = useTemplates();
  const update = useUpdateWorkspaceSettings();
  const notify = useNotify();
  const id = useId();
  const [chosen, setChosen] = useState('');
  const [values, setValues] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  const current = settings.data?.whatsappFallbackTemplate ?? null;
  useEffect(() => {
    setChosen(current ? keyOf(current) : '');
    setValues(current?.variables ?? []);
  }, [current]);

  const approved = (templates.data?.templates ?? []).filter((t) => t.sendable);
  const template = approved.find((t) => keyOf(t) === chosen);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const value = template ? { name: template.name, language: template.language, variables: values } : null;
    update.mutate(
      { whatsappFallbackTemplate: value },
      {
        onSuccess: () => notify({ message: value ? `Outside the window, automations now send ${value.name} (${value.language}).` : 'Outside the window, automations now stop.' }),
        onError: (failure) => setError(errorMessage(failure)),
      },
    );
  };

  return (
    <form className="tpl-form" onSubmit={submit} aria-label="Template when the window is closed">
      {(settings.isError || templates.isError) && <FormError>{errorMessage(settings.error ?? templates.error)}</FormError>}
      <div className="field">
        <label className="field-label" htmlFor={id}>
          Template when the window is closed
        </label>
        <select
          id={id}
          className="field-input"
          value={chosen}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            setChosen(event.target.value);
            setValues(approved.find((t) => keyOf(t) === event.target.value)?.variables.map(() => '') ?? []);
          }}
        >
          <option value="">None: automations stop, the merge confirmation is not sent</option>
          {approved.map((t) => (
            <option key={keyOf(t)} value={keyOf(t)}>{`${t.name} (${t.language})`}</option>
          ))}
        </select>
        <p className="field-hint" id={`${id}-hint`}>
          WhatsApp refuses free-form messages 24 hours after the customer’s last one. Automations and the merge confirmation then send this
          approved template instead.
        </p>
      </div>
      {template?.variables.map((variable, index) => (
        <TextField
          key={`${chosen}-${variable.label}`}
          label={variable.label}
          value={values[index] ?? ''}
          onChange={(event) => setValues((all) => all.map((v, i) => (i === index ? event.target.value : v)))}
        />
      ))}
      {template && <p className="tpl-bubble">{renderTemplate(template, values).body}</p>}
      <FormError>{error}</FormError>
      <div>
        <Button type="submit" pending={update.isPending} disabled={settings.isPending || (template !== undefined && values.some((v) => !v.trim()))}>
          Save template choice
        </Button>
      </div>
    </form>
  );
}
