import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summaryOf } from '../src/templates/summary';
import { CASE_STUDIES } from './caseStudies';
import { layoutCaseStudy } from './templateLayout';

/**
 * Writes templates/<id>.json for every case study of scripts/caseStudies/index.ts, and the small list the
 * gallery shows before any template is loaded (src/templates/summaries.json). Run it after changing
 * a case study: `npx tsx scripts/build-templates.ts`, then `npm run templates:check`.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const templatesDir = join(root, 'templates');

mkdirSync(templatesDir, { recursive: true });
for (const study of CASE_STUDIES) {
  writeFileSync(join(templatesDir, `${study.info.id}.json`), `${JSON.stringify(layoutCaseStudy(study), null, 2)}\n`);
  console.log(`wrote templates/${study.info.id}.json`);
}
writeFileSync(
  join(root, 'src', 'templates', 'summaries.json'),
  `${JSON.stringify(
    CASE_STUDIES.map((s) => summaryOf(s.info)),
    null,
    2,
  )}\n`,
);
console.log(`wrote src/templates/summaries.json (${CASE_STUDIES.length} templates)`);
