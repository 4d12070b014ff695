import { Download, FolderOpen } from 'lucide-react';
import { READ_ONLY_IMPORT } from './importAccess';
import type { Action } from './types';

/**
 * Export (PNG, SVG, clipboard image, JSON, Mermaid) and Import (JSON, PNG, SVG): each opens its
 * dialog in src/export. Import changes the board, so a view-only link does not offer it.
 */
export const exportBoard: Action = {
  id: 'export',
  label: 'Export',
  shortcuts: ['Mod+Shift+E'],
  icon: Download,
  toolbar: 'file',
  perform: ({ ui }) => ui.openDialog('export'),
};

export const importBoard: Action = {
  id: 'import',
  label: 'Import',
  shortcuts: ['Mod+O'],
  icon: FolderOpen,
  toolbar: 'file',
  enabled: ({ binding }) => !binding.readOnly,
  disabledReason: () => READ_ONLY_IMPORT,
  perform: ({ ui }) => ui.openDialog('import'),
};
