import { Network } from 'lucide-react';
import { notify, notifyError } from '../ui/notices';
import type { Action } from './types';

export const autoLayout: Action = {
  id: 'auto-layout',
  label: 'Auto-layout',
  shortcuts: ['Shift+L'],
  icon: Network,
  toolbar: 'arrange',
  enabled: ({ binding }) => binding.getSnapshot().nodes.length > 1,
  perform: async ({ binding, flow }) => {
    try {
      // ELK is large: it is loaded the first time someone lays out a board.
      const { computeLayout } = await import('../doc/autoLayout');
      const placements = await computeLayout(binding.toBoardFile());
      binding.applyLayout(placements);
      requestAnimationFrame(() => void flow.fitView({ padding: 0.15, includeHiddenNodes: true, duration: 300 }));
      notify('Board laid out left to right. Undo restores the previous arrangement.');
    } catch (error) {
      notifyError(`Auto-layout failed: ${(error as Error).message}`);
    }
  },
};
