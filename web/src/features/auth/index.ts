export { RequireAuth } from './components/require-auth';
export { SetupPage } from './routes/setup';
export { SignInPage } from './routes/sign-in';
