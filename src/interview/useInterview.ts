import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { FrameworkStepId } from '../shared/catalog/framework';
import type { BoardBinding } from '../doc/binding';
import { observeInterview, readCovered } from './interviewDoc';
import { type InterviewTypes } from '../shared/interviewLayout';

export interface InterviewSnapshot {
  types: InterviewTypes;
  covered: ReadonlySet<FrameworkStepId>;
}

/**
 * One store per board binding over the interview map's covered flags, so the
 * header timer and the panel share one subscription. Texts are observed by the fields that show them.
 */
class InterviewStore {
  readonly types: InterviewTypes;
  private snapshot: InterviewSnapshot;
  private readonly listeners = new Set<() => void>();
  private stop: (() => void) | null = null;

  constructor(binding: BoardBinding) {
    this.types = binding.openInterview();
    this.snapshot = this.read();
  }

  private read(): InterviewSnapshot {
    return { types: this.types, covered: readCovered(this.types) };
  }

  private onChange = () => {
    const next = this.read();
    const prev = this.snapshot;
    const same = next.covered.size === prev.covered.size && [...next.covered].every((id) => prev.covered.has(id));
    if (same) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  };

  subscribe = (listener: () => void) => {
    if (!this.listeners.size) {
      this.snapshot = this.read();
      this.stop = observeInterview(this.types, this.onChange);
    }
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (!this.listeners.size) {
        this.stop?.();
        this.stop = null;
      }
    };
  };

  getSnapshot = () => this.snapshot;
}

const stores = new WeakMap<BoardBinding, InterviewStore>();

export function useInterview(binding: BoardBinding): InterviewSnapshot {
  const store = useMemo(() => {
    let s = stores.get(binding);
    if (!s) stores.set(binding, (s = new InterviewStore(binding)));
    return s;
  }, [binding]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** The current time, refreshed every `everyMs` while `active` (a running timer); frozen otherwise. */
export function useNow(active: boolean, everyMs = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
  return now;
}
