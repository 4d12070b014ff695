import { SlidersHorizontal, type LucideIcon } from 'lucide-react';
import type { ComponentType } from 'react';
import { Inspector } from '../board/Inspector';
import { lazyPart } from './lazyPart';
import type { BoardBinding } from '../doc/binding';
import type { BoardSession } from '../doc/session';
// [collab] Connection status and people in the header, the Share dialog.
import { ConnectionStatus } from '../collab/ConnectionStatus';
import { PeopleBar } from '../collab/PeopleBar';
// [templates] The gallery dialog, the case-study panel and the /new?template=<id> loader.
import { BookOpen } from 'lucide-react';
import { newBoardTemplateLoader } from '../templates/apply';
// [interview] The shared timer in the header; the Review and Interview side panels.
import { ClipboardCheck, ListChecks } from 'lucide-react';
import { HeaderTimer } from '../interview/Timer';

/**
 * The places where features plug into the board page. Each is a plain list: add an entry here
 * (one import and one line) and the page shows it. Dialogs and the panels that are not open at
 * start are lazyPart()s: their code stays out of the page's first download. Header buttons are actions: see
 * src/actions/index.ts and the `toolbar` field of an action.
 */
export interface BoardPanelProps {
  session: BoardSession;
  binding: BoardBinding;
}

/** Tabs of the right-hand side panel, in order; the first is open at start (Inspector now, Review and Interview next). */
export interface SidePanelDefinition {
  id: string;
  label: string;
  icon: LucideIcon;
  component: ComponentType<BoardPanelProps>;
}

export const SIDE_PANELS: SidePanelDefinition[] = [
  { id: 'inspector', label: 'Inspector', icon: SlidersHorizontal, component: Inspector },
  { id: 'case-study', label: 'Case study', icon: BookOpen, component: lazyPart(() => import('../templates/CaseStudyPanel').then((m) => m.CaseStudyPanel), 'panel') },
  { id: 'review', label: 'Review', icon: ClipboardCheck, component: lazyPart(() => import('../review/ReviewTab').then((m) => m.ReviewTab), 'panel') }, // [interview]
  { id: 'interview', label: 'Interview', icon: ListChecks, component: lazyPart(() => import('../interview/InterviewPanel').then((m) => m.InterviewPanel), 'panel') }, // [interview]
];

/**
 * Modal dialogs by id; an action opens one with `ctx.ui.openDialog(id)`. A dialog closes itself
 * with `onClose` (see ./Dialog.tsx for the frame).
 */
export interface BoardDialogProps extends BoardPanelProps {
  onClose(): void;
}

export const DIALOGS: Record<string, ComponentType<BoardDialogProps>> = {
  export: lazyPart(() => import('../export/ExportDialog').then((m) => m.ExportDialog)),
  import: lazyPart(() => import('../export/ImportDialog').then((m) => m.ImportDialog)),
  shortcuts: lazyPart(() => import('./ShortcutsDialog').then((m) => m.ShortcutsDialog)),
  commands: lazyPart(() => import('./CommandPalette').then((m) => m.CommandPalette)),
  share: lazyPart(() => import('../collab/ShareDialog').then((m) => m.ShareDialog)),
  templates: lazyPart(() => import('../templates/TemplatesDialog').then((m) => m.TemplatesDialog)),
  versions: lazyPart(() => import('../replay/VersionsDialog').then((m) => m.VersionsDialog)),
};

/**
 * Widgets at the right end of the header, after the toolbar: connection status, avatars of the
 * people on the board. They get the session (doc, token, persistence) and the binding.
 */
export const HEADER_WIDGETS: ComponentType<BoardPanelProps>[] = [HeaderTimer /* [interview] */, ConnectionStatus, PeopleBar];

/**
 * Fill a freshly created board from a case-study template (the `/new?template=<id>` route). The
 * first loader that knows the id handles it; a loader answers null for ids it does not know.
 * The templates feature registers its loader here.
 */
export type TemplateLoader = (templateId: string, board: BoardPanelProps) => Promise<{ ok: true } | { ok: false; error: string } | null>;

export const templateLoaders: TemplateLoader[] = [newBoardTemplateLoader];
