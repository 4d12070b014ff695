import { Search, X } from 'lucide-react';
import { useState, type CSSProperties, type DragEvent } from 'react';
import { CATEGORIES, nodeIcon, nodeTypesIn, type NodeTypeDefinition } from '../catalog';
import { addNodeActionId } from '../actions/addNode';
import { togglePalette } from '../actions/panels';
import { useActionRunner } from '../actions/runner';
import { formatShortcut } from '../actions/shortcuts';
import { isNarrowScreen, setPanels } from '../ui/panels';
import { useReadOnly } from './BoardContext';

/** The drag-and-drop payload of a palette button: the catalog type id. */
export const NODE_TYPE_MIME = 'application/x-ml-design-board-node-type';

function matchesFilter(type: NodeTypeDefinition, filter: string): boolean {
  const q = filter.trim().toLowerCase();
  return !q || `${type.label} ${type.description} ${type.category}`.toLowerCase().includes(q);
}

/**
 * Every catalog type by category: click (or tap) adds one in the middle of the view, drag drops it where
 * released. On a narrow screen the palette is a drawer over the canvas and closes once a node is added.
 */
export function Palette() {
  const { run } = useActionRunner();
  const [filter, setFilter] = useState('');
  const readOnly = useReadOnly();
  const groups = CATEGORIES.map((category) => ({ category, types: nodeTypesIn(category.id).filter((t) => matchesFilter(t, filter)) })).filter((g) => g.types.length > 0);

  const onDragStart = (event: DragEvent, type: NodeTypeDefinition) => {
    event.dataTransfer.setData(NODE_TYPE_MIME, type.id);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <aside className="palette" aria-label="Node palette">
      <div className="palette-top">
        <label className="palette-filter">
          <Search size={16} aria-hidden />
          <input type="search" placeholder="Filter components" aria-label="Filter node types" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
        <button
          type="button"
          className="icon-button"
          aria-label="Hide components"
          title={`Hide components (${formatShortcut(togglePalette.shortcuts![0]!)})`}
          onClick={() => setPanels({ palette: false })}
        >
          <X size={16} aria-hidden />
        </button>
      </div>
      <div className="palette-groups">
        {groups.map(({ category, types }) => (
          <section key={category.id} className="palette-group" aria-label={category.label}>
            <h3 style={{ color: category.color }}>{category.label}</h3>
            {types.map((type) => {
              const Icon = nodeIcon(type.id);
              return (
                <button
                  key={type.id}
                  type="button"
                  className="palette-item"
                  aria-label={type.label}
                  title={type.description}
                  draggable={!readOnly}
                  disabled={readOnly}
                  onDragStart={(event) => onDragStart(event, type)}
                  onClick={() => void run(addNodeActionId(type.id)).then((added) => added && isNarrowScreen() && setPanels({ palette: false }))}
                  style={{ '--node-color': type.color } as CSSProperties}
                >
                  <span className="palette-item-icon" aria-hidden>
                    <Icon size={16} />
                  </span>
                  <span className="palette-item-label">{type.label}</span>
                </button>
              );
            })}
          </section>
        ))}
        {groups.length === 0 && <p className="muted palette-empty">No component matches “{filter}”.</p>}
      </div>
    </aside>
  );
}
