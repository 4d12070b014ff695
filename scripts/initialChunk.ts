import type { Plugin, Rollup } from 'vite';

type Context = Rollup.PluginContext;
type Program = ReturnType<Context['parse']>;

/** What a module asks of one of its imports: some of its exports by name, or all of it. */
type Wanted = Set<string> | 'all';

/** A module that only passes other modules' exports on (`export { X } from './x'`): for each name, where it comes from. */
type Barrel = Map<string, { source: string; name: string }>;

/** The names each import of a module takes, by import source ('all' for a namespace, a bare import or a re-export). */
function importsOf(program: Program): Map<string, Wanted> {
  const wanted = new Map<string, Wanted>();
  const want = (source: string, names: Wanted) => {
    const had = wanted.get(source);
    if (had === 'all' || names === 'all') wanted.set(source, 'all');
    else wanted.set(source, new Set([...(had ?? []), ...names]));
  };
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      const names = statement.specifiers.map((s) =>
        s.type === 'ImportSpecifier' ? (s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value)) : s.type === 'ImportDefaultSpecifier' ? 'default' : '*',
      );
      want(statement.source.value, names.length === 0 || names.includes('*') ? 'all' : new Set(names));
    } else if ((statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportAllDeclaration') && statement.source) {
      want(statement.source.value, 'all');
    }
  }
  return wanted;
}

/**
 * The module's re-exports by exported name, if passing exports on is all it does; otherwise null.
 * A namespace passed on (`import * as icons from './icons'; export { icons }`) names the whole module ('*').
 */
function barrelOf(program: Program): Barrel | null {
  const namespaces = new Map<string, string>();
  const barrel: Barrel = new Map();
  const nameOf = (n: { type: string; name?: string; value?: unknown }) => (n.type === 'Identifier' ? n.name! : String(n.value));
  for (const statement of program.body) {
    if (statement.type === 'ExpressionStatement' && 'directive' in statement && statement.directive) continue;
    if (statement.type === 'ImportDeclaration') {
      if (statement.specifiers.some((s) => s.type !== 'ImportNamespaceSpecifier')) return null;
      for (const s of statement.specifiers) namespaces.set(s.local.name, statement.source.value);
      continue;
    }
    if (statement.type !== 'ExportNamedDeclaration' || statement.declaration) return null;
    for (const s of statement.specifiers) {
      const namespace = statement.source ? undefined : namespaces.get(nameOf(s.local));
      if (!statement.source && !namespace) return null;
      barrel.set(nameOf(s.exported), statement.source ? { source: statement.source.value, name: nameOf(s.local) } : { source: namespace!, name: '*' });
    }
  }
  return barrel;
}

/**
 * Puts every module the page's entry (`entry`, a path under the root) needs at start (the code the
 * first frame needs) into one chunk, and leaves the lazy parts split as the bundler chooses. Left to itself the bundler cut that
 * first download into ~38 files (a module shared with a lazy part gets a chunk of its own), and on
 * a busy machine fetching them took longer than running them (docs/BENCHMARKS.md, load).
 * The set is read from the module graph once it is complete (buildEnd), before chunks are made:
 * the entry's static imports, followed by name through modules that only re-export others
 * (lucide-react's index names every icon some part of the app uses; only those the first frame's
 * code imports belong in its chunk, the others go with the lazy parts that draw them).
 */
export function initialChunk(chunkName: string, entry: string): { plugin: Plugin; group: { name: string; test: (id: string) => boolean } } {
  const initial = new Set<string>();
  const plugin: Plugin = {
    name: 'initial-chunk',
    apply: 'build',
    async buildEnd() {
      initial.clear();
      const parsed = new Map<string, Program | null>();
      // A module whose code is not JavaScript the parser reads is followed whole (no program, no barrel).
      const parse = (code: string | null | undefined): Program | null => {
        try {
          return code ? this.parse(code) : null;
        } catch {
          return null;
        }
      };
      const programOf = (id: string) => {
        if (!parsed.has(id)) parsed.set(id, parse(this.getModuleInfo(id)?.code));
        return parsed.get(id)!;
      };
      const resolved = async (source: string, importer: string) => (await this.resolve(source, importer))?.id;
      const taken = new Map<string, Wanted>();
      const visit = async (id: string, asked: Wanted): Promise<void> => {
        const program = programOf(id);
        const barrel = program && barrelOf(program);
        // A module that is not a barrel is taken whole, whatever was asked of it.
        const names: Wanted = barrel && asked !== 'all' && !asked.has('*') ? asked : 'all';
        const had = taken.get(id);
        if (had === 'all') return;
        const fresh = names === 'all' ? 'all' : [...names].filter((n) => !had?.has(n));
        if (fresh !== 'all' && fresh.length === 0) return;
        taken.set(id, fresh === 'all' ? 'all' : new Set([...(had ?? []), ...fresh]));
        initial.add(id);
        if (barrel && fresh !== 'all') {
          for (const name of fresh) {
            const from = barrel.get(name);
            const target = from && (await resolved(from.source, id));
            if (target) await visit(target, new Set([from.name]));
          }
          return;
        }
        // Every static import, by name where the code says which (what a barrel among them must pass on).
        const followed = new Set<string>();
        for (const [source, wanted] of program ? importsOf(program) : []) {
          const target = await resolved(source, id);
          if (!target) continue;
          followed.add(target);
          await visit(target, wanted);
        }
        for (const target of this.getModuleInfo(id)?.importedIds ?? []) if (!followed.has(target)) await visit(target, 'all');
      };
      const entries = [...this.getModuleIds()].filter((id) => this.getModuleInfo(id)?.isEntry);
      const main = entries.find((id) => id.endsWith(entry));
      if (!main) this.error(`initial-chunk: no entry ${entry} among ${entries.join(', ')}`);
      await visit(main, 'all');
    },
  };
  return { plugin, group: { name: chunkName, test: (id) => initial.has(id) } };
}
