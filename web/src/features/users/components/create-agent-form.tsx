import { useRef, useState, type FormEvent } from 'react';
import { FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { RadioGroup } from '../../../components/ui/radio-group';
import { TextField } from '../../../components/ui/text-field';
import { useNotify } from '../../../components/ui/notifications';
import { errorMessage } from '../../../lib/api';
import type { Role } from '../../../lib/session/types';
import { createUserInputSchema, useCreateUser, type CreateUserInput } from '../api/create-user';

type FieldErrors = Partial<Record<keyof CreateUserInput, string>>;

const emptyForm: CreateUserInput = { email: '', name: '', role: 'agent', password: '' };

const roleOptions = [
  { value: 'agent', label: 'Agent', description: 'Answers conversations.' },
  { value: 'admin', label: 'Admin', description: 'Also connects channels, changes settings and manages the team.' },
] as const;

/** Adds a person to the workspace with a first password they can sign in with. */
export function CreateAgentForm() {
  const [form, setForm] = useState<CreateUserInput>(emptyForm);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const createUser = useCreateUser();
  const notify = useNotify();
  const formRef = useRef<HTMLFormElement>(null);

  const set = (key: 'email' | 'name' | 'password') => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = createUserInputSchema.safeParse(form);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as keyof CreateUserInput;
        errors[key] ??= issue.message;
      }
      setFieldErrors(errors);
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setFieldErrors({});
    createUser.mutate(parsed.data, {
      onSuccess: (user) => {
        notify({ tone: 'success', message: `${user.name} was added as ${user.role === 'admin' ? 'an admin' : 'an agent'} and can sign in now.` });
        setForm(emptyForm);
      },
    });
  };

  const apiError = createUser.isError ? errorMessage(createUser.error) : null;

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate aria-labelledby="create-agent-heading">
      <h2 id="create-agent-heading">Add a person</h2>
      <FormError>{apiError}</FormError>
      <TextField
        label="Email"
        type="email"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        required
        value={form.email}
        onChange={set('email')}
        error={fieldErrors.email}
      />
      <TextField label="Name" autoComplete="off" required value={form.name} onChange={set('name')} error={fieldErrors.name} />
      <RadioGroup<Role>
        label="Role"
        value={form.role}
        onValueChange={(role) => setForm((current) => ({ ...current, role }))}
        options={roleOptions}
        orientation="vertical"
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint="At least 8 characters. Share it with them privately."
        value={form.password}
        onChange={set('password')}
        error={fieldErrors.password}
      />
      <Button type="submit" pending={createUser.isPending}>
        Create agent
      </Button>
    </form>
  );
}
