import { MessagesSquare, Settings, Users } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { Outlet, useLocation, useNavigationType } from 'react-router-dom';
import { LiveEventsProvider, useLiveStatus } from '../../lib/live-events';
import type { Me } from '../../lib/session/get-me';
import { IconLink } from '../ui/icon-link';
import { UserMenu } from './user-menu';

/**
 * Moves focus to the new page's heading after an in-app navigation (signing in
 * included), as a screen reader expects after a page load. A real page load
 * (navigation type POP on first render) leaves focus where the browser puts it.
 */
function useFocusHeadingOnNavigation() {
  const { pathname } = useLocation();
  const navigationType = useNavigationType();
  // The page the browser loaded (not reached in the app); null once the person has moved on.
  const loadedPage = useRef<string | null>(navigationType === 'POP' ? pathname : null);
  useEffect(() => {
    if (loadedPage.current === pathname) return;
    loadedPage.current = null;
    const frame = requestAnimationFrame(() => {
      // The innermost visible page heading (in Chat, the open thread's rather than the list's).
      const headings = [...document.querySelectorAll<HTMLElement>('main [data-page-heading]')];
      headings.reverse().find((heading) => heading.offsetParent !== null)?.focus();
    });
    return () => cancelAnimationFrame(frame);
    // Only a change of page moves focus, not a change of how it was reached.
  }, [pathname]);
}

/** Signed-in layout: the sidebar (Chat, Contacts, Settings, account) and the main area, fed by one live event stream. */
export function AppShell({ me }: { me: Me }) {
  return (
    <LiveEventsProvider>
      <Shell me={me} />
    </LiveEventsProvider>
  );
}

function Shell({ me }: { me: Me }) {
  useFocusHeadingOnNavigation();
  const live = useLiveStatus();
  return (
    <div className="shell" data-live={live}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="sidebar">
        <div className="brand" aria-hidden="true">
          <img src="/favicon.svg" alt="" width={32} height={32} />
        </div>
        <nav className="sidebar-nav" aria-label="Main">
          <IconLink to="/chat" label="Chat" icon={MessagesSquare} />
          <IconLink to="/contacts" label="Contacts" icon={Users} />
          <IconLink to="/settings" label="Settings" icon={Settings} />
        </nav>
        <UserMenu me={me} />
      </header>
      <main className="main" id="main" tabIndex={-1}>
        {live === 'reconnecting' && (
          <p className="live-banner">Live updates are paused while Braid reconnects. What you see may be out of date.</p>
        )}
        <Outlet />
      </main>
    </div>
  );
}
