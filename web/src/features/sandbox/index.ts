export { SandboxPage } from './routes/sandbox-page';
