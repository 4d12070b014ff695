import { PanelLeft, PanelRight, type LucideIcon } from 'lucide-react';
import { menuIcon } from './menuIcon';
import { getPanels, isFocused, setPanels, toggleFocusMode } from '../ui/panels';
import type { Action } from './types';
import { viewMotion } from '../ui/motion';

/** Shows or hides one of the columns beside the canvas (a drawer on a narrow screen); the toolbar shows it pressed while shown. */
function columnToggle(column: 'palette' | 'side', id: string, label: string, shortcut: string, icon: LucideIcon): Action {
  return {
    id,
    label,
    shortcuts: [shortcut],
    icon,
    toolbar: 'panels',
    checked: () => getPanels()[column],
    perform: () => setPanels({ [column]: !getPanels()[column] }),
  };
}

export const togglePalette = columnToggle('palette', 'toggle-palette', 'Show components', '[', PanelLeft);
export const toggleSidePanel = columnToggle('side', 'toggle-side-panel', 'Show side panel', ']', PanelRight);

export const focusMode: Action = {
  id: 'focus-mode',
  label: 'Focus mode',
  shortcuts: ['\\'],
  icon: menuIcon('Focus'),
  toolbar: 'view',
  checked: () => isFocused(getPanels()),
  perform: ({ ui }) => {
    toggleFocusMode();
    // Once the canvas has its new width (a frame to lay it out, one for React Flow to measure it), the diagram takes the room.
    requestAnimationFrame(() => requestAnimationFrame(() => ui.showReadable({ duration: viewMotion(200) })));
  },
};
