import { X } from 'lucide-react';
import { useSyncExternalStore } from 'react';

/**
 * Short messages for the user: errors (a refused paste, an unreachable server) and information
 * (board created locally, layout applied). Anyone may call `notify` from components, actions or
 * plain modules; <NoticeArea/> (mounted once by the app) shows them. Text only, never HTML.
 */
export type NoticeKind = 'info' | 'error';

export interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
}

const DISMISS_AFTER_MS: Record<NoticeKind, number> = { info: 4_000, error: 10_000 };
const MAX_SHOWN = 4;
const listeners = new Set<() => void>();
let notices: Notice[] = [];
let nextId = 1;

function set(next: Notice[]): void {
  notices = next;
  for (const listener of listeners) listener();
}

export function notify(text: string, kind: NoticeKind = 'info'): number {
  const id = nextId++;
  // The same message twice in a row shows once.
  set([...notices.filter((n) => n.text !== text), { id, kind, text }].slice(-MAX_SHOWN));
  setTimeout(() => dismiss(id), DISMISS_AFTER_MS[kind]);
  return id;
}

export function notifyError(text: string): number {
  return notify(text, 'error');
}

export function dismiss(id: number): void {
  if (notices.some((n) => n.id === id)) set(notices.filter((n) => n.id !== id));
}

export function useNotices(): Notice[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => notices,
  );
}

export function NoticeArea() {
  const shown = useNotices();
  return (
    <div className="notice-area" aria-live="polite">
      {shown.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span className="notice-text">{notice.text}</span>
          <button type="button" className="icon-button" aria-label="Dismiss message" onClick={() => dismiss(notice.id)}>
            <X size={16} aria-hidden />
          </button>
        </div>
      ))}
    </div>
  );
}
