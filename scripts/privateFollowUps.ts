import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Build-time guard (vite.config.ts) for the interviewer's follow-up questions: template files
 * (templates/*.json) carry `template.followUps`, which only the interviewer may read, through the
 * server's GET /api/templates/<id>/follow-ups. Every template bundled into the app (the gallery,
 * the loader, the reference diagram) is loaded through here without them, and the build fails if
 * any follow-up question's text still appears in the output (chunks, assets, source maps).
 */
export function stripFollowUps(jsonText: string): string {
  const value = JSON.parse(jsonText) as { template?: { followUps?: unknown } };
  if (!value?.template || !('followUps' in value.template)) return jsonText;
  delete value.template.followUps;
  return JSON.stringify(value);
}

/** Every follow-up question of every template file in `dir`. */
export function readFollowUps(dir: string): { file: string; question: string }[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) => {
      const value = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { template?: { followUps?: unknown } };
      const questions = Array.isArray(value.template?.followUps) ? value.template.followUps : [];
      return questions.filter((q): q is string => typeof q === 'string').map((question) => ({ file: name, question }));
    });
}

/**
 * A piece of the question that survives any quoting or escaping a bundler applies (letters, digits
 * and spaces only), long enough not to occur by chance; null when the question has none.
 */
export function telltale(question: string): string | null {
  const runs = question.match(/[A-Za-z0-9 ]+/g) ?? [];
  const longest = runs.reduce((a, b) => (b.trim().length > a.length ? b.trim() : a), '');
  return longest.length >= 20 ? longest : null;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export function privateFollowUps(templatesDir: string): Plugin {
  const dir = resolve(templatesDir);
  const templateFile = (id: string): string | null => {
    const file = id.split('?')[0]!;
    return dirname(file) === dir && file.endsWith('.json') ? file : null;
  };
  return {
    name: 'mldb:private-follow-ups',
    enforce: 'pre',
    async load(id) {
      const file = templateFile(id);
      if (!file) return null;
      this.addWatchFile(file);
      const query = id.slice(file.length + 1);
      const text = stripFollowUps(await readFile(file, 'utf8'));
      if (!query) return text;
      if (query === 'raw') return `export default ${JSON.stringify(text)};`;
      this.error(`${basename(file)} is imported with ?${query}: template files may only be imported as JSON, so that their follow-up questions can be removed.`);
    },
    configureServer(server) {
      // The dev server would also hand out /templates/<id>.json as a plain file, follow-ups included.
      server.middlewares.use((req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (/^\/templates\/[^/]+\.json$/.test(url.pathname) && !url.searchParams.has('import')) {
          res.statusCode = 404;
          res.end('Template files are part of the app bundle; the follow-up questions are served by /api/templates/<id>/follow-ups.\n');
          return;
        }
        next();
      });
    },
    writeBundle(options) {
      const outDir = options.dir;
      if (!outDir) return;
      const checks = readFollowUps(dir).flatMap(({ file, question }) => {
        const piece = telltale(question);
        return piece ? [{ file, question, piece }] : [];
      });
      for (const path of filesUnder(outDir)) {
        const content = readFileSync(path, 'utf8');
        const leak = checks.find((check) => content.includes(check.piece));
        if (leak) this.error(`${path} contains a follow-up question of ${leak.file} ("${leak.question}"): interviewer-only text must not be in the app's files.`);
      }
    },
  };
}
