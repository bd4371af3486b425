import { CheckCircle2, CircleAlert, Info, X } from 'lucide-react';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { cx } from './cx';

export type NotificationTone = 'info' | 'success' | 'error';

export interface NotificationInput {
  message: string;
  tone?: NotificationTone;
  /** Milliseconds before it leaves on its own; paused while hovered or focused. Errors stay until dismissed. */
  duration?: number;
}

interface Notification extends Required<NotificationInput> {
  id: number;
}

type Notify = (notification: NotificationInput) => void;

const NotifyContext = createContext<Notify | null>(null);

/** Shows a short notification in the page's single notification region. */
export function useNotify(): Notify {
  const notify = useContext(NotifyContext);
  if (!notify) throw new Error('useNotify needs a <NotificationsProvider> above it');
  return notify;
}

const toneIcon = { info: Info, success: CheckCircle2, error: CircleAlert } as const;

/**
 * One persistent live region (`role="status"`, polite) that every notification is
 * written into. It exists before anything is announced, so screen readers pick up
 * each new message, and there is exactly one status region to find on any page.
 */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<Notification[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setItems((current) => current.filter((item) => item.id !== id));
  }, []);

  const notify = useCallback<Notify>(({ message, tone = 'info', duration }) => {
    const id = nextId.current++;
    // An error must be read and acted on: it stays until dismissed. The rest leave on their own.
    const item: Notification = { id, message, tone, duration: duration ?? (tone === 'error' ? Infinity : 6_000) };
    // Keep the last few; an old one is less useful than room on a small screen.
    setItems((current) => [...current.slice(-3), item]);
  }, []);

  const value = useMemo(() => notify, [notify]);

  return (
    <NotifyContext.Provider value={value}>
      {children}
      <section className="notifications" aria-label="Notifications">
        <div role="status" aria-live="polite" className="notifications-list">
          {items.map((item) => (
            <NotificationItem key={item.id} item={item} onDismiss={dismiss} />
          ))}
        </div>
      </section>
    </NotifyContext.Provider>
  );
}

function NotificationItem({ item, onDismiss }: { item: Notification; onDismiss: (id: number) => void }) {
  const [paused, setPaused] = useState(false);
  const remaining = useRef(item.duration);

  useEffect(() => {
    if (paused || remaining.current === Infinity) return;
    const startedAt = Date.now();
    const timer = window.setTimeout(() => onDismiss(item.id), remaining.current);
    return () => {
      window.clearTimeout(timer);
      remaining.current = Math.max(1_000, remaining.current - (Date.now() - startedAt));
    };
  }, [paused, item.id, onDismiss]);

  const Icon = toneIcon[item.tone];
  return (
    <div
      className={cx('notification', `notification-${item.tone}`)}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <Icon className="notification-icon" aria-hidden="true" size={18} />
      <p className="notification-message">{item.message}</p>
      <button
        type="button"
        className="icon-btn icon-btn-ghost notification-dismiss"
        aria-label="Dismiss notification"
        title="Dismiss notification"
        onClick={() => onDismiss(item.id)}
      >
        <X aria-hidden="true" size={16} />
      </button>
    </div>
  );
}
