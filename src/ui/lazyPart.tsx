import { useEffect, useLayoutEffect, useRef, useState, type ComponentType } from 'react';
import { holdKeys, type HeldKeys } from './heldKeys';
import { notifyError } from './notices';
import { prefetchers, prefetchWithLazyParts } from './prefetch';

/**
 * A dialog or panel whose code is not in the board page's first download (see the load benchmark
 * in docs/BENCHMARKS.md). Every such part is fetched when the browser is idle a moment after the
 * board appears (the board page calls usePrefetchLazyParts), so it mostly shows at once when first
 * opened; keys typed into a dialog opened before its code arrived are held and typed into it when it
 * shows (./heldKeys.ts). It is still at hand if the server goes away later. A part that could not
 * be fetched says so: a panel in its place, a dialog in a notice, closing itself. The browser remembers a failed module for the life of the page, so
 * the way back is a reload, which loses nothing: the board is kept in this browser (IndexedDB).
 * `load` names the module's export: `() => import('./X').then((m) => m.X)`.
 */

const LOAD_FAILED = 'This part of the app could not be loaded: the server cannot be reached. Your board is kept in this browser; reload the page once the server is back.';

let boardDrawn: () => void = () => undefined;
/** Settled once the board's canvas is up (or after a while, for a page that never shows one). */
const boardUp = new Promise<void>((resolve) => {
  boardDrawn = resolve;
  window.setTimeout(resolve, 3000);
});

/** For the canvas, once React Flow's pane is up: the parts waiting for the board are fetched after that frame is painted. */
export function markBoardDrawn(): void {
  boardDrawn();
}

/** Resolves once the browser has painted the frame being made: a rAF, then a task after it (or at once in a page that does not paint). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (document.hidden) resolve();
    else requestAnimationFrame(() => window.setTimeout(resolve, 0));
  });
}

/** Resolves once the board's canvas is up and painted: for work its first frame can do without. */
export function afterBoardPainted(): Promise<void> {
  return boardUp.then(afterPaint);
}

/**
 * `start`: 'afterBoard' for a part drawn with the board that its first frame can do without (the
 * interview's timer, the others' cursors): its code is asked for once the board's canvas is up and
 * painted, so the board is drawn and usable without waiting for it.
 */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>, fallback: 'panel' | 'none' = 'none', start: 'shown' | 'afterBoard' = 'shown'): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const fetchPart = () => (loading ??= load().then((part) => (loaded = part)));
  prefetchWithLazyParts(fetchPart);

  return function LazyPart(props: P) {
    const [, setArrived] = useState(() => loaded !== undefined);
    const [failed, setFailed] = useState(false);
    const onClose = (props as { onClose?: () => void }).onClose;
    const Part = loaded;
    const held = useRef<HeldKeys>(undefined);
    useLayoutEffect(() => {
      // `Part`, not `loaded`: the code may have arrived since this render, which drew nothing.
      if (!onClose || Part) return;
      held.current = holdKeys(onClose);
      return held.current.stop;
      // From the first render until the part arrives; any onClose the dialog is given closes it.
      // eslint-disable-next-line react-hooks/exhaustive-deps
    }, []);
    useEffect(() => {
      // Asked even when `loaded` is set by now: the prefetch may have finished between this
      // render (which drew nothing) and this effect, and only a state change draws the part then.
      let live = true;
      (start === 'afterBoard' && !loaded ? afterBoardPainted().then(fetchPart) : fetchPart()).then(
        () => live && setArrived(true),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, []);
    useEffect(() => {
      if (!failed || !onClose) return;
      notifyError(LOAD_FAILED);
      onClose();
    }, [failed, onClose]);

    useEffect(() => {
      if (Part) void held.current?.typeIn();
    }, [Part]);
    if (Part) return <Part {...props} />;
    if (!failed) return fallback === 'panel' ? <p className="muted">Loading…</p> : null;
    if (onClose) return null;
    return (
      <p className="load-failure" role="alert">
        {LOAD_FAILED}{' '}
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </p>
    );
  };
}

/** How long after the board appears the lazy parts are fetched: its own first frames come first. */
const PREFETCH_AFTER_MS = 1000;

/**
 * Fetches every lazy part a moment after the caller (the board) has appeared, when the browser is
 * idle: after the board's own first download and first frames, not competing with them.
 */
export function usePrefetchLazyParts(): void {
  useEffect(() => {
    const prefetchAll = () => {
      for (const fetchPart of prefetchers) void fetchPart().catch(() => undefined);
    };
    let idle: number | undefined;
    const timer = window.setTimeout(() => {
      if (window.requestIdleCallback) idle = window.requestIdleCallback(prefetchAll, { timeout: 3000 });
      else prefetchAll();
    }, PREFETCH_AFTER_MS);
    return () => {
      window.clearTimeout(timer);
      if (idle !== undefined) window.cancelIdleCallback(idle);
    };
  }, []);
}
