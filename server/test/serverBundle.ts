import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Each source file keeps its own `import.meta.url`, so what the server finds next to its sources
 * (templates/, the SQL migrations) resolves as it does unbundled.
 */
const keepImportMetaUrl: Plugin = {
  name: 'keep-import-meta-url',
  setup(bundler) {
    bundler.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)), loader: 'ts' };
    });
  },
};

export interface ServerBundle {
  /** The file to run with `node`, in place of `node --import tsx server/main.ts`. */
  entry: string;
  remove(): Promise<void>;
}

/**
 * server/main.ts bundled once for a test run that starts dozens of servers: node starts a bundle
 * in less than half the CPU time tsx takes to compile the sources at every start. Packages stay in
 * node_modules (the bundle sits under it to resolve them) and dynamic imports stay lazy, so the
 * default mode still does not load the PostgreSQL and Redis clients.
 */
export async function bundleServer(): Promise<ServerBundle> {
  const cache = join(ROOT, 'node_modules/.cache/mldb-server');
  await mkdir(cache, { recursive: true });
  const outdir = await mkdtemp(join(cache, 'run-'));
  await build({
    entryPoints: [join(ROOT, 'server/main.ts')],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    plugins: [keepImportMetaUrl],
    logLevel: 'warning',
  });
  return { entry: join(outdir, 'main.js'), remove: () => rm(outdir, { recursive: true, force: true }) };
}
