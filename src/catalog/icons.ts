import {
  Activity,
  Archive,
  Binary,
  Boxes,
  CircleHelp,
  Cpu,
  Database,
  FlaskConical,
  Frame,
  Funnel,
  Gauge,
  HardDrive,
  Layers,
  ListFilter,
  ListOrdered,
  Network,
  Scale,
  Server,
  Smartphone,
  StickyNote,
  Tags,
  Workflow,
  type LucideIcon,
} from 'lucide-react';

/**
 * The icon of each node type. Icons are React components, so they live on the board side of the
 * catalog: the definitions in src/shared/catalog stay free of React for the server. The catalog test
 * checks that every node type has exactly one icon here.
 */
export const NODE_ICONS: Readonly<Record<string, LucideIcon>> = {
  'client-app': Smartphone,
  'data-source': Database,
  'message-queue': Layers,
  'data-pipeline': Workflow,
  labeling: Tags,
  'feature-store': Boxes,
  'embedding-service': Binary,
  trainer: Cpu,
  evaluation: Gauge,
  'model-registry': Archive,
  'vector-index': Network,
  'candidate-generation': Funnel,
  ranker: ListOrdered,
  're-ranker': ListFilter,
  'model-server': Server,
  cache: HardDrive,
  'rules-engine': Scale,
  'ab-test': FlaskConical,
  monitor: Activity,
  group: Frame,
  'sticky-note': StickyNote,
};

/** The icon drawn for a node type; a question mark for a type this app does not know. */
export function nodeIcon(typeId: string): LucideIcon {
  return NODE_ICONS[typeId] ?? CircleHelp;
}
