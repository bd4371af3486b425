import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createRouter } from './app/router';
import { watchSessionExpiry } from './app/session-expiry';
import { createQueryClient } from './lib/query-client';
import './styles/app.css';

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
