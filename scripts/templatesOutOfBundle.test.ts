import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { privateTexts, telltale, templatesOutOfBundle } from './templatesOutOfBundle';

const QUESTION = 'How would you notice that the model has started promoting clickbait?';
const NOTE = 'Two towers trained with in-batch negatives on watch events';
const TEMPLATE = {
  format: 'ml-design-board',
  version: 2,
  title: 'Video recommendation',
  nodes: [{ id: 'n', type: 'trainer', title: 'Retrieval model', position: { x: 0, y: 0 }, props: { notes: NOTE, tags: ['daily retrain on fresh events'] } }],
  edges: [{ id: 'e', source: 'n', target: 'n', kind: 'batch', label: 'embeddings every night at midnight' }],
  template: {
    id: 't',
    title: 'Video recommendation',
    tags: ['recsys'],
    difficulty: 'medium',
    prompt: 'Design a feed of videos for everyone.',
    steps: { model: 'A two-tower retrieval and a ranker' },
    followUps: [QUESTION],
  },
};

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** Builds a one-file app beside a templates folder holding TEMPLATE, and answers its output files' text. */
async function buildApp(main: string) {
  const dir = (root = mkdtempSync(join(tmpdir(), 'mldb-templates-')));
  mkdirSync(join(dir, 'templates'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'catalog.js'), `export const OPTIONS = ['daily retrain on fresh events'];`);
  writeFileSync(join(dir, 'templates', 't.json'), JSON.stringify(TEMPLATE, null, 2));
  writeFileSync(join(dir, 'index.html'), '<script type="module" src="/main.js"></script>');
  writeFileSync(join(dir, 'main.js'), main);
  const outDir = join(dir, 'dist');
  await build({ root: dir, configFile: false, logLevel: 'silent', plugins: [templatesOutOfBundle(join(dir, 'templates'), join(dir, 'src'))], build: { outDir, sourcemap: true } });
  return readdirSync(join(outDir, 'assets'))
    .map((name) => readFileSync(join(outDir, 'assets', name), 'utf8'))
    .join('\n');
}

describe("the case studies' worked answers stay out of the bundle", () => {
  it('counts as private every text of a template file but its public summary', () => {
    expect(privateTexts(TEMPLATE).sort()).toEqual(
      ['Retrieval model', NOTE, 'daily retrain on fresh events', 'embeddings every night at midnight', 'A two-tower retrieval and a ranker', QUESTION].sort(),
    );
    expect(telltale('Why is a random train/test split wrong here?')).toBe('Why is a random train');
    expect(telltale('Ranker')).toBeNull();
  });

  it("builds an app that names the public summary and the app's own words", async () => {
    const output = await buildApp(`console.log(${JSON.stringify(TEMPLATE.template.prompt)}, 'daily retrain on fresh events');`);
    expect(output).toContain('Design a feed of videos');
  });

  it('refuses template files imported in any way (globbed, as JSON, raw, as a URL)', async () => {
    for (const main of [
      `Promise.all(Object.values(import.meta.glob('/templates/*.json')).map((load) => load())).then(console.log);`,
      `import t from './templates/t.json'; console.log(t);`,
      `import raw from './templates/t.json?raw'; console.log(raw);`,
      `import url from './templates/t.json?url'; console.log(url);`,
    ]) {
      await expect(buildApp(main), main).rejects.toThrow(/t\.json is imported by the app/);
    }
  });

  it('fails the build when private text reaches the output another way', async () => {
    await expect(buildApp(`console.log(${JSON.stringify(QUESTION)});`)).rejects.toThrow(/contains private text of t\.json/);
    await expect(buildApp(`console.log(${JSON.stringify(NOTE)});`)).rejects.toThrow(/in-batch negatives/);
  });
});
