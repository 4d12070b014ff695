import { useSyncExternalStore, type MouseEvent } from 'react';

/**
 * The app's three routes (/, /b/<id>, /new) need no router library: the History API, one event to
 * tell subscribers the location changed, and a hook that reads it.
 */
const CHANGE = 'mldb:navigate';

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(CHANGE, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(CHANGE, listener);
  };
}

const currentHref = () => window.location.pathname + window.location.search;

export function useLocation(): URL {
  const href = useSyncExternalStore(subscribe, currentHref);
  return new URL(href, window.location.origin);
}

export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
}

/** For <a href> links inside the app: plain clicks navigate in place, modified clicks open tabs as usual. */
export function followLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(event.currentTarget.getAttribute('href') ?? '/');
}

export function boardPath(boardId: string, token?: string): string {
  return `/b/${boardId}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}
