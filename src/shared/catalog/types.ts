import { z } from '../zod';
import { CATEGORIES, type CategoryId } from './categories';
import type { Field } from './fields';
import type { FrameworkStepId } from './framework';

/**
 * Where a component runs, which decides the kind a new edge takes between two of them
 * (see suggestEdgeKind): offline jobs exchange batch flows, online stages requests, and
 * stream components streaming flows.
 */
export type Plane = 'online' | 'offline' | 'stream' | 'any';

/**
 * What a component does in an ML system, as the design review reads a board: the review's rules ask
 * for roles ("the learners", "a lookup the ranker calls"), never for type ids, so each type says here
 * what it is and nothing lists node types a second time. A type can play several roles.
 */
export const NODE_ROLES = [
  /** Where requests start and users act: the origin of logged behaviour. */
  'client',
  /** Carries logged events to consumers. */
  'event-stream',
  /** Holds records: users, items, interactions, content. */
  'records',
  /** Computes data or features from other data. */
  'transform',
  /** Turns behaviour or raters' work into labels. */
  'labels',
  /** One definition of each feature, read by training and serving alike. */
  'shared-features',
  /** Turns content or ids into vectors. */
  'encoder',
  /** Fits a model to data. */
  'learner',
  /** Compares models offline. */
  'evaluator',
  /** Keeps model versions and promotes one to serving. */
  'registry',
  /** Narrows a catalogue to candidates. */
  'retrieval',
  /** Runs a learned model on requests or in batch. */
  'inference',
  /** Keeps data for others to look up rather than computing it. */
  'lookup',
  /** Applies rules or thresholds to scores. */
  'policy',
  /** Splits traffic between models and measures them. */
  'experiment',
  /** Watches the running system. */
  'watcher',
] as const;
export type NodeRole = (typeof NODE_ROLES)[number];

/** How a node type is drawn: a component card, a stage frame that holds other nodes, or a sticky note. */
export type NodeVariant = 'component' | 'group' | 'note';

export interface NodeTypeDefinition<Shape extends Record<string, Field> = Record<string, Field>> {
  id: string;
  /** The palette label; a new node takes it as its title, so the palette item names the node it adds. */
  label: string;
  category: CategoryId;
  color: string;
  description: string;
  variant: NodeVariant;
  plane: Plane;
  /** What the type does in an ML system, for the design review (empty for frames and notes). */
  roles: readonly NodeRole[];
  /** The interview framework steps a node of this type shows on the diagram (framework.ts; empty for most). */
  evidenceOf: readonly FrameworkStepId[];
  /** The zod schema of the type's properties; every field has a default or is optional. */
  props: z.ZodMiniObject<Shape, z.core.$strict>;
  /** The 1-3 properties the node shows on its face. */
  face: (keyof Shape & string)[];
  /** Size of a new node, for the types whose size the user sets (frames and notes). */
  defaultSize?: { width: number; height: number };
}

export type NodeProps = Record<string, unknown>;

interface DefinitionInput<Shape extends Record<string, Field>> extends Omit<NodeTypeDefinition<Shape>, 'props' | 'color' | 'variant' | 'plane' | 'roles' | 'evidenceOf'> {
  props: Shape;
  roles?: readonly NodeRole[];
  evidenceOf?: readonly FrameworkStepId[];
  color?: string;
  variant?: NodeVariant;
  plane?: Plane;
}

export function defineNodeType<Shape extends Record<string, Field>>(input: DefinitionInput<Shape>): NodeTypeDefinition<Shape> {
  const category = CATEGORIES.find((c) => c.id === input.category);
  if (!category) throw new Error(`Unknown category ${input.category}`);
  if (input.face.length > 3) throw new Error(`${input.id}: at most three face properties`);
  return {
    ...input,
    color: input.color ?? category.color,
    variant: input.variant ?? 'component',
    plane: input.plane ?? 'any',
    roles: input.roles ?? [],
    evidenceOf: input.evidenceOf ?? [],
    props: z.strictObject(input.props),
  };
}
