import { useSyncExternalStore } from 'react';

/** Light or dark, remembered in this browser; the first visit follows the system setting. */
export type Theme = 'light' | 'dark';

const KEY = 'mldb.theme';
const listeners = new Set<() => void>();

function initialTheme(): Theme {
  const stored = localStorage.getItem(KEY);
  if (stored === 'light' || stored === 'dark') return stored;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

let theme: Theme = initialTheme();
document.documentElement.dataset.theme = theme;

export function getTheme(): Theme {
  return theme;
}

export function setTheme(next: Theme): void {
  theme = next;
  document.documentElement.dataset.theme = next;
  try {
    localStorage.setItem(KEY, next);
  } catch {
    // Not remembered, still applied.
  }
  for (const listener of listeners) listener();
}

export function toggleTheme(): void {
  setTheme(theme === 'dark' ? 'light' : 'dark');
}

export function useTheme(): Theme {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, getTheme);
}
