import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { privateFollowUps, stripFollowUps, telltale } from './privateFollowUps';

const QUESTION = 'How would you notice that the model has started promoting clickbait?';
const TEMPLATE = { format: 'ml-design-board', version: 2, title: 'T', nodes: [], edges: [], template: { id: 't', prompt: 'Design a feed.', followUps: [QUESTION] } };

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** Builds a one-file app that imports the template files the way src/templates does. */
async function buildApp(main: string) {
  const dir = (root = mkdtempSync(join(tmpdir(), 'mldb-followups-')));
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'templates', 't.json'), JSON.stringify(TEMPLATE, null, 2));
  writeFileSync(join(dir, 'index.html'), '<script type="module" src="/main.js"></script>');
  writeFileSync(join(dir, 'main.js'), main);
  const outDir = join(dir, 'dist');
  await build({ root: dir, configFile: false, logLevel: 'silent', plugins: [privateFollowUps(join(dir, 'templates'))], build: { outDir, sourcemap: true } });
  return readdirSync(join(outDir, 'assets'))
    .map((name) => readFileSync(join(outDir, 'assets', name), 'utf8'))
    .join('\n');
}

describe('follow-up questions stay out of the bundle', () => {
  it('strips template.followUps and nothing else', () => {
    expect(JSON.parse(stripFollowUps(JSON.stringify(TEMPLATE)))).toEqual({ ...TEMPLATE, template: { id: 't', prompt: 'Design a feed.' } });
    expect(stripFollowUps('{"nodes":[]}')).toBe('{"nodes":[]}');
    expect(telltale('Why is a random train/test split wrong here?')).toBe('Why is a random train');
  });

  it('bundles template files (globbed, imported, raw) with their prompt and without their follow-ups, source maps included', async () => {
    const output = await buildApp(`
      const files = import.meta.glob('/templates/*.json', { import: 'default' });
      import direct from './templates/t.json';
      import raw from './templates/t.json?raw';
      Promise.all(Object.values(files).map((load) => load())).then((all) => console.log(all, direct, raw));
    `);
    expect(output).toContain('Design a feed.');
    expect(output).not.toContain('promoting clickbait');
  });

  it('fails the build when a follow-up question reaches the output another way', async () => {
    await expect(buildApp(`console.log(${JSON.stringify(QUESTION)});`)).rejects.toThrow(/contains a follow-up question of t\.json/);
  });

  it('refuses template files imported as URLs, which would copy the file as it is', async () => {
    await expect(buildApp(`import url from './templates/t.json?url'; console.log(url);`)).rejects.toThrow(/may only be imported as JSON/);
  });
});
