import { DEFAULT_BOARD_TITLE } from '../shared/formatBasics';
import { useSyncExternalStore } from 'react';

/**
 * The boards opened in this browser, newest first, kept in localStorage so the landing page can
 * list them without any account. Their tokens are kept apart (../collab/boardTokens.ts), so that
 * removing a board from this list does not lose the right to open it.
 */
export interface RecentBoard {
  id: string;
  title: string;
  updatedAt: number;
}

const KEY = 'mldb.recentBoards';
const MAX = 50;
const listeners = new Set<() => void>();
let cache: RecentBoard[] | null = null;

function read(): RecentBoard[] {
  if (cache) return cache;
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    cache = Array.isArray(value) ? value.filter(isRecentBoard).map(({ id, title, updatedAt }) => ({ id, title, updatedAt })) : [];
  } catch {
    cache = [];
  }
  return cache;
}

function isRecentBoard(value: unknown): value is RecentBoard {
  const v = value as RecentBoard;
  return typeof v === 'object' && v !== null && typeof v.id === 'string' && typeof v.title === 'string' && typeof v.updatedAt === 'number';
}

function write(boards: RecentBoard[]): void {
  cache = boards.slice(0, MAX);
  try {
    localStorage.setItem(KEY, JSON.stringify(cache));
  } catch {
    // Storage full or disabled: the list lives for this page only.
  }
  for (const listener of listeners) listener();
}

export function listRecentBoards(): RecentBoard[] {
  return read();
}

/** Adds or updates a board; fields not given keep their stored value. */
export function rememberBoard(board: Pick<RecentBoard, 'id'> & Partial<RecentBoard>): void {
  const existing = read().find((b) => b.id === board.id);
  const next: RecentBoard = { title: DEFAULT_BOARD_TITLE, updatedAt: Date.now(), ...existing, ...board };
  if (existing && existing.title === next.title && next.updatedAt - existing.updatedAt < 5_000) return;
  write([next, ...read().filter((b) => b.id !== board.id)].sort((a, b) => b.updatedAt - a.updatedAt));
}

export function forgetBoard(id: string): void {
  write(read().filter((b) => b.id !== id));
}

export function useRecentBoards(): RecentBoard[] {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, read);
}
