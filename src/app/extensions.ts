import { SlidersHorizontal } from 'lucide-react';
import type { ComponentType } from 'react';
import { Inspector } from '../board/Inspector';
import { lazyPart } from '../ui/lazyPart';
import type { BoardDialogProps, BoardPanelProps, SidePanelDefinition, TemplateLoader } from '../ui/slots';
// [collab] Connection status and people in the header, cursors on the canvas, the Share dialog.
// [templates] The gallery dialog, the case-study panel and the /new?template=<id> loader.
import { BookOpen } from 'lucide-react';
// [interview] The shared timer in the header; the Review and Interview side panels.
import { ClipboardCheck, ListChecks } from 'lucide-react';

/**
 * The places where features plug into the board page. Each is a plain list: add an entry here
 * (one import and one line) and the page shows it. What the board's first frame can do without
 * (dialogs, panels not open at start, the others' cursors, the interview's timer and checklist) is
 * a lazyPart(): its code stays out of the page's first download, and a part drawn with the board
 * is fetched once the board is drawn. Header buttons are actions: see
 * src/actions/index.ts and the `toolbar` field of an action. The features implement the types of
 * src/ui/slots.ts and never import this module.
 */

/** Tabs of the right-hand side panel, in order; the first is open at start (Inspector now, Review and Interview next). */
export const SIDE_PANELS: SidePanelDefinition[] = [
  { id: 'inspector', label: 'Inspector', icon: SlidersHorizontal, component: Inspector },
  { id: 'case-study', label: 'Case study', icon: BookOpen, component: lazyPart(() => import('../templates/CaseStudyPanel').then((m) => m.CaseStudyPanel), 'panel') },
  // [interview] During an interview the candidate sees Review only when the interviewer allows it.
  {
    id: 'review',
    label: 'Review',
    icon: ClipboardCheck,
    component: lazyPart(() => Promise.all([import('../review/ReviewTab'), import('../interview/reviewVisibility')]).then(([review, gate]) => gate.withReviewVisibility(review.ReviewTab)), 'panel'),
  },
  { id: 'interview', label: 'Interview', icon: ListChecks, component: lazyPart(() => import('../interview/InterviewPanel').then((m) => m.InterviewPanel), 'panel') }, // [interview]
];

/** Modal dialogs by id; an action opens one with `ctx.ui.openDialog(id)`. */
export const DIALOGS: Record<string, ComponentType<BoardDialogProps>> = {
  export: lazyPart(() => import('../export/ExportDialog').then((m) => m.ExportDialog)),
  import: lazyPart(() => import('../export/ImportDialog').then((m) => m.ImportDialog)),
  shortcuts: lazyPart(() => import('./ShortcutsDialog').then((m) => m.ShortcutsDialog)),
  // Whoever presses Ctrl+K types at once: keys typed before the palette arrives are typed into it when it shows (lazyPart).
  commands: lazyPart(() => import('./CommandPalette').then((m) => m.CommandPalette)),
  share: lazyPart(() => import('../collab/ShareDialog').then((m) => m.ShareDialog)),
  templates: lazyPart(() => import('../templates/TemplatesDialog').then((m) => m.TemplatesDialog)),
  versions: lazyPart(() => import('../replay/VersionsDialog').then((m) => m.VersionsDialog)),
  'start-interview': lazyPart(() => import('../interview/StartInterviewDialog').then((m) => m.StartInterviewDialog)), // [interview]
};

/** Drawn inside the canvas, over the board: cursors, remote selections and drags of the others. */
export const CANVAS_LAYERS: ComponentType[] = [lazyPart(() => import('../collab/CollabLayer').then((m) => m.CollabLayer), 'none', 'afterBoard')];

/**
 * Widgets at the right end of the header, after the toolbar: connection status, avatars of the
 * people on the board. They get the session (doc, token, persistence) and the binding. They come
 * once the board is drawn, as the connection they show does (src/sync/roomConnection.ts): until
 * then there is nobody to see and nothing to say but "connecting".
 */
export const HEADER_WIDGETS: ComponentType<BoardPanelProps>[] = [
  lazyPart(() => import('../interview/Timer').then((m) => m.HeaderTimer), 'none', 'afterBoard') /* [interview] */,
  lazyPart(() => import('../collab/ConnectionStatus').then((m) => m.ConnectionStatus), 'none', 'afterBoard'),
  lazyPart(() => import('../collab/PeopleBar').then((m) => m.PeopleBar), 'none', 'afterBoard'),
];

/** Cards over the canvas, for steps that come before the work (the interviewer's checklist). */
export const CANVAS_OVERLAYS: ComponentType<BoardPanelProps>[] = [lazyPart(() => import('../interview/InterviewChecklist').then((m) => m.InterviewChecklist), 'none', 'afterBoard') /* [interview] */];

/**
 * Fill a freshly created board from a case-study template (the `/new?template=<id>` route): the
 * first loader that knows the id handles it. The templates feature registers its loader here.
 */
export const templateLoaders: TemplateLoader[] = [async (id, board) => (await import('../templates/apply')).newBoardTemplateLoader(id, board)];
