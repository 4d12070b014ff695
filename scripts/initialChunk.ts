import type { Plugin } from 'vite';

/**
 * Puts every module the page's entry imports statically (the code the first frame needs) into one
 * chunk, and leaves the lazy parts split as the bundler chooses. Left to itself the bundler cut that
 * first download into ~38 files (a module shared with a lazy part gets a chunk of its own), and on
 * a busy machine fetching them took longer than running them (docs/BENCHMARKS.md, load).
 * The set is read from the module graph once it is complete (buildEnd), before chunks are made.
 */
export function initialChunk(chunkName: string): { plugin: Plugin; group: { name: string; test: (id: string) => boolean } } {
  const initial = new Set<string>();
  const plugin: Plugin = {
    name: 'initial-chunk',
    apply: 'build',
    buildEnd() {
      initial.clear();
      const entries = [...this.getModuleIds()].filter((id) => this.getModuleInfo(id)?.isEntry);
      const pending = [...entries];
      while (pending.length > 0) {
        const id = pending.pop()!;
        if (initial.has(id)) continue;
        initial.add(id);
        pending.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
    },
  };
  return { plugin, group: { name: chunkName, test: (id) => initial.has(id) } };
}
