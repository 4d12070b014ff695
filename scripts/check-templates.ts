import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summaryOf } from '../src/templates/summary';
import { checkTemplate } from './templateRules';

/**
 * `npm run templates:check`: every file in templates/ must parse as a board file and pass the
 * template rules of scripts/templateRules.ts, and the gallery's list (src/templates/summaries.json)
 * must match the files. Prints one line per template; exits 1 naming each file, node and rule at fault.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const templatesDir = join(root, 'templates');
const files = readdirSync(templatesDir)
  .filter((f) => f.endsWith('.json'))
  .sort();

let failed = 0;
const summaries = [];
for (const file of files) {
  const id = file.replace(/\.json$/, '');
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(join(templatesDir, file), 'utf8'));
  } catch (error) {
    console.error(`✗ templates/${file}: not valid JSON (${(error as Error).message})`);
    failed++;
    continue;
  }
  const result = checkTemplate(id, value);
  if (!result.ok) {
    failed++;
    console.error(`✗ templates/${file}: ${result.problems.length} problem${result.problems.length > 1 ? 's' : ''}`);
    for (const p of result.problems) console.error(`    [${p.rule}] ${p.message}`);
    continue;
  }
  const { board } = result;
  summaries.push(summaryOf(board.template!));
  const components = board.nodes.filter((n) => n.parentId !== undefined).length;
  console.log(`✓ templates/${file}: ${board.nodes.length} nodes (${components} in 4 stage frames), ${board.edges.length} edges`);
}

const listed = JSON.parse(readFileSync(join(root, 'src', 'templates', 'summaries.json'), 'utf8')) as { id: string }[];
const byId = new Map(summaries.map((s) => [s.id, s]));
const stale = listed.length !== files.length || listed.some((s) => JSON.stringify(s) !== JSON.stringify(byId.get(s.id)));
if (stale && !failed) console.error('✗ src/templates/summaries.json does not match the template files: run `npx tsx scripts/build-templates.ts`');

console.log(`${files.length - failed} of ${files.length} templates pass${failed ? `; ${failed} failed` : ''}.`);
process.exit(failed || stale ? 1 : 0);
