/** Summaries of a CPU profile and of a Chrome trace (Chrome DevTools protocol), printed: where the time of a gesture or a jump went. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self and total time by function, over one profile or several (their samples pooled). */
export function summarise(profiles: Profile | Profile[], top: number): void {
  const label = (n: ProfileNode) => {
    const file = n.callFrame.url.split('/').pop() || '(native)';
    return `${n.callFrame.functionName || '(anonymous)'}  ${file}:${n.callFrame.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  for (const profile of [profiles].flat()) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    profile.samples.forEach((id, i) => {
      const dt = (profile.timeDeltas[i] ?? 0) / 1000;
      all += dt;
      const node = byId.get(id)!;
      self.set(label(node), (self.get(label(node)) ?? 0) + dt);
      // Each function on the sampled stack gets the sample once, however deep it recurses.
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const key = label(byId.get(at)!);
        if (!seen.has(key)) total.set(key, (total.get(key) ?? 0) + dt);
        seen.add(key);
      }
    });
  }
  const print = (title: string, map: Map<string, number>) => {
    console.log(`\n${title} (of ${all.toFixed(0)} ms sampled)`);
    for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms.toFixed(1).padStart(9)} ms  ${((ms / all) * 100).toFixed(1).padStart(5)} %  ${key}`);
  };
  print('Self time', self);
  print('Total time (with callees)', total);
  // React components by convention start with a capital letter: their total time is what rendering them cost.
  print('Components (total time)', new Map([...total].filter(([key]) => /^[A-Z][A-Za-z0-9]*(\$\d+)? {2}/.test(key))));
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tid: number;
  pid: number;
  args?: { name?: string };
}

/** Rendering work during the gesture from a Chrome trace: time per event name, per thread. */
export function summariseTrace(traces: Buffer | Buffer[], top: number): void {
  const events = [traces].flat().flatMap((trace) => (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents);
  const threads = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name' && e.args?.name) threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const interesting = new Set([
    'Layout',
    'UpdateLayoutTree',
    'PrePaint',
    'Paint',
    'Layerize',
    'Commit',
    'HitTest',
    'FunctionCall',
    'EventDispatch',
    'RunMicrotasks',
    'RasterTask',
    'ParseHTML',
    'MajorGC',
    'MinorGC',
    'V8.GC_SCAVENGER',
    'TimerFire',
    'FireAnimationFrame',
    'UpdateLayer',
    'CompositeLayers',
    'PaintImage',
    'Decode Image',
    'ScheduleStyleRecalculation',
  ]);
  const sums = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur || !interesting.has(e.name)) continue;
    const key = `${e.name}  [${threads.get(`${e.pid}:${e.tid}`) ?? e.tid}]`;
    sums.set(key, (sums.get(key) ?? 0) + e.dur / 1000);
  }
  console.log('\nTrace: time per event (events nest, e.g. FunctionCall holds the JS of an event handler)');
  for (const [key, ms] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms.toFixed(1).padStart(9)} ms  ${key}`);
}
