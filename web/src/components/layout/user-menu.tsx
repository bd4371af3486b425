import { LogOut } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import type { Me } from '../../lib/session/get-me';
import { useLogout } from '../../lib/session/logout';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0]![0]! + parts[parts.length - 1]![0]! : (parts[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}

/**
 * The signed-in person's menu: who and where they are, and **Sign out**.
 * A disclosure (button + panel) rather than an ARIA menu: it holds text as well as an action.
 */
export function UserMenu({ me }: { me: Me }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const logout = useLogout();

  useEffect(() => {
    if (!open) return;
    // Clicking or tabbing anywhere else closes the panel.
    const onOutside = (event: Event) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onOutside);
    document.addEventListener('focusin', onOutside);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onOutside);
      document.removeEventListener('focusin', onOutside);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  // Signing out ends the session in this tab whatever happens; the sign-in page says how it went.
  const signOut = () => logout.mutate();

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu-button"
        aria-label={`Account: ${me.user.name}`}
        title={`${me.user.name} (${me.user.email})`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="avatar" aria-hidden="true">
          {initials(me.user.name)}
        </span>
      </button>
      <div className="user-menu-panel" id={panelId} hidden={!open}>
        <p className="user-menu-name">{me.user.name}</p>
        <p className="user-menu-email">{me.user.email}</p>
        <p className="user-menu-meta">
          <span className="badge">{me.user.role === 'admin' ? 'Admin' : 'Agent'}</span>
          <span>{me.workspace.name}</span>
        </p>
        <button type="button" className="btn btn-secondary btn-block" onClick={signOut} aria-busy={logout.isPending || undefined}>
          <LogOut aria-hidden="true" size={16} />
          Sign out
        </button>
      </div>
    </div>
  );
}
