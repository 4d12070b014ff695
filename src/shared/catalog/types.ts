import { z } from 'zod';
import { CATEGORIES, type CategoryId } from './categories';
import type { Field } from './fields';

/**
 * Where a component runs, which decides the kind a new edge takes between two of them
 * (see suggestEdgeKind): offline jobs exchange batch flows, online stages requests, and
 * stream components streaming flows.
 */
export type Plane = 'online' | 'offline' | 'stream' | 'any';

/** How a node type is drawn: a component card, a stage frame that holds other nodes, or a sticky note. */
export type NodeVariant = 'component' | 'group' | 'note';

export interface NodeTypeDefinition<Shape extends Record<string, Field> = Record<string, Field>> {
  id: string;
  label: string;
  category: CategoryId;
  color: string;
  description: string;
  variant: NodeVariant;
  plane: Plane;
  /** The zod schema of the type's properties; every field has a default or is optional. */
  props: z.ZodObject<Shape, z.core.$strict>;
  /** The 1-3 properties the node shows on its face. */
  face: (keyof Shape & string)[];
  /** The title a new node gets. */
  defaultTitle: string;
  /** Size of a new node, for the types whose size the user sets (frames and notes). */
  defaultSize?: { width: number; height: number };
}

export type NodeProps = Record<string, unknown>;

interface DefinitionInput<Shape extends Record<string, Field>>
  extends Omit<NodeTypeDefinition<Shape>, 'props' | 'color' | 'variant' | 'plane' | 'defaultTitle'> {
  props: Shape;
  color?: string;
  variant?: NodeVariant;
  plane?: Plane;
  defaultTitle?: string;
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
    defaultTitle: input.defaultTitle ?? input.label,
    props: z.strictObject(input.props),
  };
}
