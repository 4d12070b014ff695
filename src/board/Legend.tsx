import { Panel } from '@xyflow/react';
import { ChevronDown, ChevronUp } from 'lucide-react';
import { useState } from 'react';
import { EDGE_KINDS } from '../catalog/edgeKinds';

/** What the four edge styles mean, drawn with the same colours and dashes as the edges. */
export function Legend() {
  const [open, setOpen] = useState(true);
  return (
    <Panel position="top-left" className="legend" aria-label="Edge legend">
      <button type="button" className="legend-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        Edge kinds {open ? <ChevronUp size={14} aria-hidden /> : <ChevronDown size={14} aria-hidden />}
      </button>
      {open && (
        <ul className="legend-list">
          {EDGE_KINDS.map((kind) => (
            <li key={kind.id} title={kind.description}>
              <svg width="44" height="12" aria-hidden className={`legend-line flow-edge-${kind.id}`}>
                <line x1="2" y1="6" x2="34" y2="6" stroke={kind.color} strokeWidth="2.5" strokeDasharray={kind.dash} strokeLinecap="round" />
                <path d="M34 1 L43 6 L34 11 Z" fill={kind.color} />
              </svg>
              <span>{kind.label}</span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
