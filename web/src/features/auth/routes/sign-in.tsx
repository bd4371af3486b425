import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { TextField } from '../../../components/ui/text-field';
import { errorMessage } from '../../../lib/api';
import { useMe } from '../../../lib/session/get-me';
import { clearSignInNotice, getSignInNotice } from '../../../lib/session/sign-in-notice';
import { loginInputSchema, useLogin, type LoginInput } from '../api/login';
import { AuthLayout } from '../components/auth-layout';

interface SignInState {
  /** The page that sent here because nobody was signed in. */
  from?: string;
}

type FieldErrors = Partial<Record<keyof LoginInput, string>>;

/** `/`: sign in with email and password; a signed-in person goes straight to Chat. */
export function SignInPage() {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const state = (location.state ?? {}) as SignInState;
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const notice = getSignInNotice();
  const returnTo = notice?.returnToPage === false ? undefined : state.from;
  const destination = returnTo && returnTo !== '/' ? returnTo : '/chat';

  if (me.data && !login.isPending) return <Navigate to={destination} replace />;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = loginInputSchema.safeParse({ email, password });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as keyof LoginInput;
        errors[key] ??= issue.message;
      }
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    login.mutate(parsed.data, {
      onSuccess: () => {
        clearSignInNotice();
        navigate(destination, { replace: true });
      },
      onError: () => setPassword(''),
    });
  };

  return (
    <AuthLayout title="Sign in to Braid" intro="Your team's inbox for Instagram and WhatsApp.">
      {notice && !login.isError && (
        <p className="auth-notice" role="note">
          {notice.message}
        </p>
      )}
      <form className="form" onSubmit={submit} noValidate aria-busy={login.isPending || undefined}>
        <FormError>{login.isError ? errorMessage(login.error) : null}</FormError>
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          autoFocus
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldErrors.email}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldErrors.password}
        />
        <Button type="submit" block pending={login.isPending}>
          Sign in
        </Button>
      </form>
      {me.isPending && <p className="muted small">Checking your session…</p>}
    </AuthLayout>
  );
}
