/**
 * The layer check of `npm run lint` (docs/ARCHITECTURE.md says what each layer owns and why).
 *
 * Folders of src/, lowest first. A folder imports only from its own layer and the layers below it;
 * the features share one layer and may use each other, as long as no import circle forms.
 */
const LAYERS = [['shared'], ['catalog'], ['doc'], ['sync'], ['ui'], ['actions'], ['board'], ['collab', 'export', 'templates', 'interview', 'review', 'replay'], ['app']];

const folders = (layers) => layers.flat().join('|');

const upwardRules = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `layer-${layer.join('-')}`,
  comment: `src/{${layer.join(',')}} is below ${folders(LAYERS.slice(index + 1))}: move what both need down, or pass it in from above (a prop, a slot in src/app/extensions.ts).`,
  severity: 'error',
  from: { path: `^src/(${layer.join('|')})/` },
  to: { path: `^src/(${folders(LAYERS.slice(index + 1))})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import circle: split the module that both sides need, or move the shared part down a layer.',
      severity: 'error',
      from: { path: '^(src|server|scripts)/' },
      to: { circular: true },
    },
    ...upwardRules,
    {
      name: 'top-level-folders-are-layers',
      comment: 'Every folder of src/ is a layer: add a new one to LAYERS here and to docs/ARCHITECTURE.md.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: `^src/(?!(${folders(LAYERS)}|styles)/|main\\.tsx$)` },
    },
    {
      name: 'server-imports-only-shared',
      comment: 'The server imports only src/shared from the app: the rest of src/ is browser code (React, icons, DOM). Its tests play clients and may use the app.',
      severity: 'error',
      from: { path: '^server/', pathNot: '^server/test/' },
      to: { path: '^src/(?!shared/)' },
    },
    {
      name: 'shared-is-react-free',
      comment: 'src/shared runs in the server too: no React, React Flow or icon library, not even their types.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: 'node_modules/(react|react-dom|@xyflow|lucide-react)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|test-results|playwright-report)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
