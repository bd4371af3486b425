import './lib/zod-without-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createRouter } from './app/router';
import { watchSessionExpiry } from './app/session-expiry';
import { createQueryClient } from './lib/query-client';
// After the app: on a tie between a feature's rule and a shared one, the shared one wins, as it
// always has. Each file comes after the ones it builds on.
import './styles/base.css';
import './styles/controls.css';
import './styles/overlays.css';
import './styles/surfaces.css';
import './styles/layout.css';

const queryClient = createQueryClient();
const router = createRouter();
watchSessionExpiry(queryClient);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App queryClient={queryClient} router={router} />
  </StrictMode>,
);
