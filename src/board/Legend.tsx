import { Panel } from '@xyflow/react';
import { ChevronDown, ChevronUp } from 'lucide-react';
import { memo, type RefObject } from 'react';
import { EDGE_KINDS } from '../shared/catalog/edgeKinds';
import { setPanels, usePanels } from '../ui/panels';
import { useFadeOverCards } from './fadeOverCards';
import { useUnfoldAnyway } from './useUnfoldAnyway';
import type { Placement } from './overlayCorners';

/**
 * What the four edge styles mean, drawn with the same colours and dashes as the edges; folded or not
 * as last left in this browser, and folded for now when `placement` says so, unless the user unfolds it.
 */
export const Legend = memo(function Legend({ ref, placement }: { ref: RefObject<HTMLDivElement | null>; placement: Placement }) {
  const unfolded = usePanels().legend;
  const [unfoldedAnyway, unfoldAnyway] = useUnfoldAnyway(placement.tucked);
  const open = unfolded && (!placement.tucked || unfoldedAnyway);
  useFadeOverCards(ref);
  return (
    <Panel ref={ref} position={placement.corner} className="legend" aria-label="Edge legend">
      <button type="button" className="legend-toggle" aria-expanded={open} onClick={() => (open ? setPanels({ legend: false }) : (setPanels({ legend: true }), unfoldAnyway()))}>
        Edge kinds {open ? <ChevronUp size={14} aria-hidden /> : <ChevronDown size={14} aria-hidden />}
      </button>
      {open && (
        <ul className="legend-list">
          {EDGE_KINDS.map((kind) => (
            <li key={kind.id} title={kind.description}>
              <span className="legend-sample">
                <svg width="44" height="12" aria-hidden className="legend-line">
                  {!kind.animated && <line x1="2" y1="6" x2="34" y2="6" stroke={kind.color} strokeWidth="2.5" strokeDasharray={kind.dash} strokeLinecap="round" />}
                  <path d="M34 1 L43 6 L34 11 Z" fill={kind.color} />
                </svg>
                {kind.animated && (
                  // The moving dashes: a longer line slid along by a transform animation, which the
                  // compositor runs, inside a clip the length of the sample. Animating the dash offset
                  // instead made the page repaint (and re-layerize every node) on every frame, idle or not.
                  <span className="legend-stream" aria-hidden>
                    <svg width="52" height="12">
                      <line x1="2" y1="6" x2="50" y2="6" stroke={kind.color} strokeWidth="2.5" strokeDasharray={kind.dash} strokeLinecap="round" />
                    </svg>
                  </span>
                )}
              </span>
              <span>{kind.label}</span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
});
