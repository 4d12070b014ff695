import { CATEGORIES, type CategoryId } from './categories';
import { annotationTypes } from './nodeTypes/annotation';
import { dataSource, dataPipeline, labeling, messageQueue } from './nodeTypes/data';
import { abTest } from './nodeTypes/experimentation';
import { embeddingService, featureStore } from './nodeTypes/features';
import { monitor } from './nodeTypes/monitoring';
import { clientApp } from './nodeTypes/product';
import { cache, candidateGeneration, modelServer, ranker, reRanker, rulesEngine, vectorIndex } from './nodeTypes/serving';
import { evaluation, modelRegistry, trainer } from './nodeTypes/training';
import type { FrameworkStepId } from './framework';
import type { NodeProps, NodeTypeDefinition, NodeVariant } from './types';

/**
 * The node catalog: every node type the board knows, defined once. The palette, the inspector,
 * the file format's validation, templates, the design review and the exports all read this list.
 */
export const NODE_TYPES: readonly NodeTypeDefinition[] = [
  clientApp,
  dataSource,
  messageQueue,
  dataPipeline,
  labeling,
  featureStore,
  embeddingService,
  trainer,
  evaluation,
  modelRegistry,
  vectorIndex,
  candidateGeneration,
  ranker,
  reRanker,
  modelServer,
  cache,
  rulesEngine,
  abTest,
  monitor,
  ...annotationTypes,
] as unknown as readonly NodeTypeDefinition[];

const byId = new Map(NODE_TYPES.map((t) => [t.id, t]));

export function getNodeType(id: string): NodeTypeDefinition | undefined {
  return byId.get(id);
}

/** Whether a type draws as a component card, a stage frame (group) or a note; undefined for a type not in the catalog. */
export function variantOf(typeId: string): NodeVariant | undefined {
  return byId.get(typeId)?.variant;
}

/** The node types whose presence on the diagram shows a framework step, in catalog order. */
export function evidenceTypes(step: FrameworkStepId): NodeTypeDefinition[] {
  return NODE_TYPES.filter((t) => t.evidenceOf.includes(step));
}

export function nodeTypesIn(category: CategoryId): NodeTypeDefinition[] {
  return NODE_TYPES.filter((t) => t.category === category);
}

/** The properties a new node of this type starts with. */
export function defaultProps(type: NodeTypeDefinition): NodeProps {
  return type.props.parse({}) as NodeProps;
}

export { CATEGORIES };
export type { CategoryId, NodeProps, NodeTypeDefinition, NodeVariant };
export { STAGES, type Stage } from './nodeTypes/annotation';
