import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { Callout, FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { TextField } from '../../../components/ui/text-field';
import { errorMessage } from '../../../lib/api';
import { setupInputSchema, useCompleteSetup, type SetupInput } from '../api/complete-setup';
import { useSetupToken } from '../api/check-setup-token';
import { useMe } from '../../../lib/session/get-me';
import { AuthLayout } from '../components/auth-layout';

type Fields = Omit<SetupInput, 'token'>;
type FieldErrors = Partial<Record<keyof Fields, string>>;

/** `/setup?token=…`: the one-time link printed at first start creates the workspace's first admin. */
export function SetupPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const tokenStatus = useSetupToken(token);
  const me = useMe();
  const setup = useCompleteSetup();
  const navigate = useNavigate();
  const [fields, setFields] = useState<Fields>({ email: '', name: '', password: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  if (me.data && !setup.isPending && !setup.isSuccess) return <Navigate to="/chat" replace />;

  if (!token || tokenStatus.data?.valid === false) {
    return (
      <AuthLayout title="Set up Braid">
        <Callout tone="warning" title="This setup link cannot be used" role="alert">
          {token
            ? 'It has expired, a newer link replaced it, or the first admin has already been created.'
            : 'The link has no token.'}{' '}
          Use the latest link Braid printed when it started, or ask your admin to create an account for you.
        </Callout>
        <p>
          <Link to="/">Go to sign in</Link>
        </p>
      </AuthLayout>
    );
  }

  const set = (key: keyof Fields) => (event: { target: { value: string } }) =>
    setFields((current) => ({ ...current, [key]: event.target.value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = setupInputSchema.safeParse({ token, ...fields });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as keyof Fields;
        errors[key] ??= issue.message;
      }
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    setup.mutate(parsed.data, { onSuccess: () => navigate('/chat', { replace: true }) });
  };

  return (
    <AuthLayout title="Set up Braid" intro="Create the first admin account for this workspace.">
      {tokenStatus.isError && <FormError>{errorMessage(tokenStatus.error)}</FormError>}
      <form className="form" onSubmit={submit} noValidate aria-busy={setup.isPending || undefined}>
        <FormError>{setup.isError ? errorMessage(setup.error) : null}</FormError>
        <TextField label="Email" type="email" autoComplete="username" required value={fields.email} onChange={set('email')} error={fieldErrors.email} />
        <TextField label="Name" autoComplete="name" required value={fields.name} onChange={set('name')} error={fieldErrors.name} />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          hint="At least 8 characters."
          value={fields.password}
          onChange={set('password')}
          error={fieldErrors.password}
        />
        <Button type="submit" block pending={setup.isPending} disabled={tokenStatus.isPending}>
          Create admin account
        </Button>
      </form>
    </AuthLayout>
  );
}
