import { Maximize } from 'lucide-react';
import { menuIcon } from './menuIcon';
import { notifyError } from '../ui/notices';
import { getTheme, toggleTheme } from '../ui/theme';
import type { Action } from './types';
import { viewMotion } from '../ui/motion';

const animation = () => ({ duration: viewMotion(200) });

export const fitView: Action = {
  id: 'fit-view',
  label: 'Fit board to screen',
  shortcuts: ['Shift+1'],
  icon: Maximize,
  toolbar: 'view',
  perform: ({ ui }) => ui.fitWhole(animation()),
};

export const zoomIn: Action = {
  id: 'zoom-in',
  label: 'Zoom in',
  shortcuts: ['+', '='],
  icon: menuIcon('ZoomIn'),
  perform: ({ flow }) => void flow.zoomIn(animation()),
};

export const zoomOut: Action = {
  id: 'zoom-out',
  label: 'Zoom out',
  shortcuts: ['-'],
  icon: menuIcon('ZoomOut'),
  perform: ({ flow }) => void flow.zoomOut(animation()),
};

export const toggleSnapToGrid: Action = {
  id: 'snap-to-grid',
  label: 'Toggle snap to grid',
  shortcuts: ['Shift+G'],
  icon: menuIcon('Grid3x3'),
  toolbar: 'view',
  checked: ({ ui }) => ui.snapToGrid,
  perform: ({ ui }) => ui.setSnapToGrid(!ui.snapToGrid),
};

export const toggleDarkTheme: Action = {
  id: 'toggle-theme',
  label: 'Toggle dark theme',
  shortcuts: ['Alt+Shift+D'],
  icon: menuIcon('Moon'),
  toolbar: 'view',
  checked: () => getTheme() === 'dark',
  perform: () => toggleTheme(),
};

/** The board's edge routing, for everyone on it: right-angled lines or curves. */
export const toggleOrthogonalEdges: Action = {
  id: 'orthogonal-edges',
  label: 'Right-angled edges',
  shortcuts: ['Shift+E'],
  icon: menuIcon('CornerDownRight'),
  toolbar: 'view',
  enabled: ({ binding }) => !binding.readOnly,
  disabledReason: () => 'This link lets you view the board, not change it.',
  checked: ({ binding }) => binding.getSnapshot().edgeRouting === 'orthogonal',
  perform: ({ binding }) => {
    const result = binding.setEdgeRouting(binding.getSnapshot().edgeRouting === 'orthogonal' ? 'curved' : 'orthogonal');
    if (!result.ok) notifyError(result.error);
  },
};
