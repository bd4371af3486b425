import type { ReactNode } from 'react';
import { usePageTitle } from '../../../lib/use-page-title';
import '../auth.css';

/** The calm, centred frame of the pages before sign-in. */
export function AuthLayout({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  usePageTitle(title);
  return (
    <main className="auth-screen" id="main">
      <div className="auth-card">
        <div className="auth-brand">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <span className="auth-brand-name">Braid</span>
        </div>
        <h1>{title}</h1>
        {intro && <p className="auth-intro">{intro}</p>}
        {children}
      </div>
    </main>
  );
}
