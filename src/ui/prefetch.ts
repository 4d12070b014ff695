/**
 * What the board page fetches when the browser is idle a moment after the board appears
 * (usePrefetchLazyParts in ./lazyPart.tsx): the lazy parts and the lazy icons. Apart from
 * lazyPart.tsx, whose load waits on the page's window, so the modules that declare actions (read
 * in Node by the benchmarks too) can register their icons.
 */
export const prefetchers: (() => Promise<unknown>)[] = [];

/** Fetches `fetch` with the lazy parts, when the browser is idle a moment after the board appears. */
export function prefetchWithLazyParts(fetch: () => Promise<unknown>): void {
  prefetchers.push(fetch);
}
