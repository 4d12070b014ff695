import type { ReactNode } from 'react';
import { boardPath, followLink } from '../ui/router';

/**
 * The frame of the look-back pages (replay, version history, debrief): the brand, the page's
 * title, the page's own tools, the way back to the live board, and the page itself.
 */
export function ReplayShell({ boardId, title, tools, children }: { boardId: string; title: string; tools?: ReactNode; children: ReactNode }) {
  return (
    <div className="replay-page">
      <header className="app-header">
        <a href="/" className="brand" onClick={followLink} title="All boards">
          <img src="/favicon.svg" alt="" width={22} height={22} />
          <span>ML Design Board</span>
        </a>
        <h1 className="replay-title">{title}</h1>
        {tools}
        <a className="button" href={boardPath(boardId)} onClick={followLink}>
          Back to the board
        </a>
      </header>
      {children}
    </div>
  );
}

/** Minutes and seconds of a duration: 75_000 -> "1:15", 3_725_000 -> "62:05". */
export function formatClock(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
