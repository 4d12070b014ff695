import { useSyncExternalStore, type MouseEvent } from 'react';
import { claimTokenFromAddress, tokenClaims } from './address';

/**
 * The app's three routes (/, /b/<id>, /new) need no router library: the History API, one event to
 * tell subscribers the location changed, and a hook that reads it.
 */
const CHANGE = 'mldb:navigate';

function subscribe(listener: () => void): () => void {
  // A link pasted over the current board's address changes only the fragment: no page load.
  const onHashChange = () => {
    claimTokenFromAddress();
    listener();
  };
  window.addEventListener('popstate', listener);
  window.addEventListener('hashchange', onHashChange);
  window.addEventListener(CHANGE, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener('hashchange', onHashChange);
    window.removeEventListener(CHANGE, listener);
  };
}

const currentHref = () => `${window.location.pathname}${window.location.search}#${tokenClaims()}`;

export function useLocation(): URL {
  const href = useSyncExternalStore(subscribe, currentHref);
  return new URL(href.slice(0, href.lastIndexOf('#')), window.location.origin);
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

/** A board's address in this app; its token, if any, is kept in storage (keepBoardToken), never in the address. */
export function boardPath(boardId: string): string {
  return `/b/${boardId}`;
}
