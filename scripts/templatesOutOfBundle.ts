import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Build-time guard (vite.config.ts) for the case studies' worked answers. Template files
 * (templates/*.json) hold the reference diagram, the case-study notes and the interviewer's follow-up
 * questions; the server answers them by role (GET /api/templates/<id>, server/templatesApi.ts), so a
 * candidate's browser gets none of it during an interview. The app may not import them (the build
 * fails), the dev server does not hand them out, and the build fails if any of their private text
 * appears in the output (chunks, assets, source maps). What is public, the gallery's list, is
 * src/templates/summaries.json: id, title, tags, difficulty and prompt.
 */
const PUBLIC_INFO = new Set(['id', 'title', 'tags', 'difficulty', 'prompt']);

/** Every string of a template file but its public part (the file's format, its title, the node and edge ids and types). */
export function privateTexts(value: unknown): string[] {
  const file = value as { nodes?: { title?: unknown; props?: unknown }[]; edges?: { label?: unknown }[]; template?: Record<string, unknown> };
  const info = Object.entries(file.template ?? {}).filter(([key]) => !PUBLIC_INFO.has(key));
  return [...(file.nodes ?? []).flatMap((node) => [node.title, node.props]), ...(file.edges ?? []).map((edge) => edge.label), ...info.map(([, v]) => v)].flatMap(stringsIn);
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/**
 * A piece of the text that survives any quoting or escaping a bundler applies (letters, digits and
 * spaces only), long enough not to occur by chance; null when the text has none.
 */
export function telltale(text: string): string | null {
  const runs = text.match(/[A-Za-z0-9 ]+/g) ?? [];
  const longest = runs.reduce((a, b) => (b.trim().length > a.length ? b.trim() : a), '');
  return longest.length >= 20 ? longest : null;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * `sourceDir` is the app's own source: a piece of template text it also holds (a catalog option such
 * as "inverse propensity weighting") is the app's word, not a worked answer.
 */
export function templatesOutOfBundle(templatesDir: string, sourceDir: string): Plugin {
  const dir = resolve(templatesDir);
  const isTemplateFile = (id: string) => {
    const file = id.split('?')[0]!;
    return dirname(file) === dir && file.endsWith('.json');
  };
  return {
    name: 'mldb:templates-out-of-bundle',
    enforce: 'pre',
    load(id) {
      if (!isTemplateFile(id)) return null;
      this.error(
        `${basename(id.split('?')[0]!)} is imported by the app: template files hold worked answers, which the server answers by role (GET /api/templates/<id>); the app bundles only src/templates/summaries.json.`,
      );
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (!/^\/templates\/[^/]+\.json$/.test(url.pathname)) return next();
        res.statusCode = 404;
        res.end('Template files are served by the collaboration server: GET /api/templates/<id>.\n');
      });
    },
    writeBundle(options) {
      const outDir = options.dir;
      if (!outDir) return;
      const ownWords = filesUnder(resolve(sourceDir))
        .filter((path) => !/\.test\.tsx?$/.test(path))
        .map((path) => readFileSync(path, 'utf8'))
        .join('\n');
      const checks = readdirSync(dir)
        .filter((name) => name.endsWith('.json'))
        .flatMap((name) =>
          privateTexts(JSON.parse(readFileSync(join(dir, name), 'utf8'))).flatMap((text) => {
            const piece = telltale(text);
            return piece && !ownWords.includes(piece) ? [{ file: name, text, piece }] : [];
          }),
        );
      for (const path of filesUnder(outDir)) {
        const content = readFileSync(path, 'utf8');
        const leak = checks.find((check) => content.includes(check.piece));
        if (leak) this.error(`${path} contains private text of ${leak.file} ("${leak.text}"): a template's worked answer must not be in the app's files.`);
      }
    },
  };
}
