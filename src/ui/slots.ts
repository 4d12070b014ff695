import type { LucideIcon } from 'lucide-react';
import type { ComponentType } from 'react';
import type { BoardBinding } from '../doc/binding';
import type { BoardSession } from '../sync/session';

/**
 * What a feature plugs into the board page with: the props its panels, dialogs and header widgets
 * get, and the shape of a side panel or a template loader. The lists of what is plugged in are in
 * src/app/extensions.ts, which imports the features; the features import only these types, so no
 * feature depends on the module that lists it.
 */
export interface BoardPanelProps {
  session: BoardSession;
  binding: BoardBinding;
}

/** A tab of the right-hand side panel. */
export interface SidePanelDefinition {
  id: string;
  label: string;
  icon: LucideIcon;
  component: ComponentType<BoardPanelProps>;
}

/** A modal dialog closes itself with `onClose` (see ./Dialog.tsx for the frame). */
export interface BoardDialogProps extends BoardPanelProps {
  onClose(): void;
}

/**
 * Fills a freshly created board from a case-study template (the `/new?template=<id>` route); answers
 * null for ids it does not know.
 */
export type TemplateLoader = (templateId: string, board: BoardPanelProps) => Promise<{ ok: true } | { ok: false; error: string } | null>;
