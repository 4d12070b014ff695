import type { EdgeKind } from '../../src/shared/catalog/edgeKinds';
import type { TemplateInfo } from '../../src/shared/templateInfo';
import type { Side } from '../../src/doc/geometry';

/**
 * The compact description of one case study that scripts/build-templates.ts lays out into a template
 * file: nodes are placed on a grid of cells inside their stage frame, and frames on a grid of stages.
 */
export type StageId = 'data' | 'training' | 'serving' | 'monitoring';

export interface NodeSpec {
  id: string;
  type: string;
  title: string;
  /** Column and row inside the stage frame, in cells; halves centre a node between two rows. */
  at: [number, number];
  props?: Record<string, unknown>;
  /** Width and height in cells, for sticky notes. */
  cells?: [number, number];
}

export interface StageSpec {
  title?: string;
  nodes: NodeSpec[];
}

export interface EdgeSpec {
  source: string;
  target: string;
  kind: EdgeKind;
  label?: string;
  sourceHandle?: Side;
  targetHandle?: Side;
}

export interface CaseStudy {
  info: TemplateInfo;
  stages: Record<StageId, StageSpec>;
  /** Rows of stage frames, left to right; frames in one grid column share a width. */
  arrangement?: StageId[][];
  edges: EdgeSpec[];
}

export const node = (id: string, type: string, title: string, at: [number, number], props: Record<string, unknown> = {}): NodeSpec => ({
  id,
  type,
  title,
  at,
  props,
});

export const note = (id: string, title: string, at: [number, number], text: string, cells: [number, number] = [1.6, 1]): NodeSpec => ({
  id,
  type: 'sticky-note',
  title,
  at,
  props: { text },
  cells,
});

export const edge = (source: string, target: string, kind: EdgeKind, label?: string, handles: { from?: Side; to?: Side } = {}): EdgeSpec => ({
  source,
  target,
  kind,
  ...(label ? { label } : {}),
  ...(handles.from ? { sourceHandle: handles.from } : {}),
  ...(handles.to ? { targetHandle: handles.to } : {}),
});
