import { useEffect } from 'react';

/** Names the browser tab after the page, so history, tabs and screen readers say where you are. */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Braid` : 'Braid';
  }, [title]);
}
