import { X } from 'lucide-react';
import { useState } from 'react';
import { toggleSidePanel } from '../actions/panels';
import { formatShortcut } from '../actions/shortcuts';
import { setPanels } from '../ui/panels';
import type { BoardPanelProps, SidePanelDefinition } from '../ui/slots';

/** The right-hand panel: one tab per registered panel (see SIDE_PANELS in ./extensions.ts). */
export function SidePanel({ panels, ...props }: BoardPanelProps & { panels: SidePanelDefinition[] }) {
  const [openId, setOpenId] = useState(panels[0]?.id);
  const open = panels.find((p) => p.id === openId) ?? panels[0];
  if (!open) return null;
  const Content = open.component;
  return (
    <aside className="side-panel" aria-label="Side panel">
      <div className="side-panel-tabs" role="tablist" aria-label="Panels">
        {panels.map((panel) => {
          const Icon = panel.icon;
          return (
            <button
              key={panel.id}
              type="button"
              role="tab"
              id={`tab-${panel.id}`}
              aria-selected={panel.id === open.id}
              aria-controls={`panel-${panel.id}`}
              className="side-panel-tab"
              onClick={() => setOpenId(panel.id)}
            >
              <Icon size={16} aria-hidden /> {panel.label}
            </button>
          );
        })}
        <button
          type="button"
          className="icon-button side-panel-hide"
          aria-label="Hide side panel"
          title={`Hide side panel (${formatShortcut(toggleSidePanel.shortcuts![0]!)})`}
          onClick={() => setPanels({ side: false })}
        >
          <X size={16} aria-hidden />
        </button>
      </div>
      <div className="side-panel-content" role="tabpanel" id={`panel-${open.id}`} aria-labelledby={`tab-${open.id}`}>
        <Content {...props} />
      </div>
    </aside>
  );
}
