import { useEffect, useRef } from 'react';
import type { ThreadMessage } from '../api/types';

/**
 * While a screen is on view, the customer has read what the business sent: call `markSeen` once
 * for each newest business message not yet read, as the app would when the chat is open.
 */
export function useMarkSeenWhileVisible(messages: ThreadMessage[] | undefined, markSeen: () => void) {
  const requestedFor = useRef<string | null>(null);
  const latestUnread = messages?.filter((m) => m.direction === 'to_customer' && m.status !== 'read' && m.status !== 'failed').at(-1);

  useEffect(() => {
    if (!latestUnread || requestedFor.current === latestUnread.externalId) return;
    const markIfVisible = () => {
      if (document.visibilityState !== 'visible' || requestedFor.current === latestUnread.externalId) return;
      requestedFor.current = latestUnread.externalId;
      markSeen();
    };
    markIfVisible();
    document.addEventListener('visibilitychange', markIfVisible);
    return () => document.removeEventListener('visibilitychange', markIfVisible);
  }, [latestUnread, markSeen]);
}
