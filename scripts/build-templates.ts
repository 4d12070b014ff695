import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summaryOf } from '../src/templates/summary';
import type { CaseStudy } from './caseStudies/types';
import { layoutCaseStudy } from './templateLayout';

/**
 * Writes templates/<id>.json for every case study in scripts/caseStudies/, and the small list the
 * gallery shows before any template is loaded (src/templates/summaries.json). Run it after changing
 * a case study: `npx tsx scripts/build-templates.ts`, then `npm run templates:check`.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const studiesDir = join(root, 'scripts', 'caseStudies');
const templatesDir = join(root, 'templates');

const files = readdirSync(studiesDir).filter((f) => f.endsWith('.ts') && f !== 'types.ts');
const studies: CaseStudy[] = [];
for (const file of files) studies.push((await import(join(studiesDir, file))).default as CaseStudy);
studies.sort((a, b) => a.info.id.localeCompare(b.info.id));

mkdirSync(templatesDir, { recursive: true });
for (const study of studies) {
  writeFileSync(join(templatesDir, `${study.info.id}.json`), `${JSON.stringify(layoutCaseStudy(study), null, 2)}\n`);
  console.log(`wrote templates/${study.info.id}.json`);
}
writeFileSync(join(root, 'src', 'templates', 'summaries.json'), `${JSON.stringify(studies.map((s) => summaryOf(s.info)), null, 2)}\n`);
console.log(`wrote src/templates/summaries.json (${studies.length} templates)`);
