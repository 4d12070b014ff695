import { Network } from 'lucide-react';
import { notify, notifyError } from '../ui/notices';
import type { Action } from './types';
import { viewMotion } from '../ui/motion';

export const autoLayout: Action = {
  id: 'auto-layout',
  label: 'Auto-layout',
  shortcuts: ['Shift+L'],
  icon: Network,
  toolbar: 'arrange',
  enabled: ({ binding }) => binding.getSnapshot().nodes.length > 1,
  perform: async ({ binding, ui }) => {
    try {
      // ELK is large: it is loaded the first time someone lays out a board.
      const { computeLayout } = await import('../doc/autoLayout');
      // Rows no wider than the canvas shows at a readable zoom: a longer chain wraps.
      const layout = await computeLayout(binding.toBoardFile(), { maxWidth: ui.legibleWidth() });
      binding.applyLayout(layout);
      requestAnimationFrame(() => ui.showReadable({ duration: viewMotion(300) }));
      notify('Board laid out in rows as wide as the canvas. Undo restores the previous arrangement.');
    } catch (error) {
      notifyError(`Auto-layout failed: ${(error as Error).message}`);
    }
  },
};
