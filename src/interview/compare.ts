import { getNodeType, variantOf, type CategoryId } from '../catalog';
import type { FrameworkStepId } from '../shared/catalog/framework';
import { FRAMEWORK_STEPS } from '../shared/catalog/frameworkSteps';
import type { BoardNode } from '../shared/format';

/**
 * Compare with reference: which parts of a template's reference architecture a board covers,
 * framework step by framework step.
 *
 * Each reference component is matched to one board node: first a node of the same type, then,
 * for what is left, a node of the same category standing in for it (a "model server" where the
 * reference has a "ranker"); whatever finds no partner is missing. Matching is one to one, so a
 * reference with two trainers is only fully covered by a board with two.
 */
export type Coverage = 'covered' | 'similar' | 'missing';

export interface ReferencePart {
  /** The reference node. */
  id: string;
  title: string;
  typeId: string;
  typeLabel: string;
  coverage: Coverage;
  /** The board node matched to it (by type or by category). */
  match?: { id: string; title: string; typeLabel: string };
}

export interface StepComparison {
  step: FrameworkStepId;
  title: string;
  parts: ReferencePart[];
}

export interface Comparison {
  steps: StepComparison[];
  /** Every reference component once (steps may share one, e.g. a model server in framing and serving). */
  total: number;
  covered: number;
  similar: number;
}

/** Steps for node types that no step lists as evidence, by the type's category. */
const STEP_OF_CATEGORY: Record<CategoryId, FrameworkStepId | null> = {
  product: 'clarify',
  data: 'data',
  features: 'data',
  training: 'model',
  serving: 'serving',
  experimentation: 'evaluation',
  monitoring: 'monitoring',
  annotation: null,
};

type Node = Pick<BoardNode, 'id' | 'type' | 'title'>;

/** Architecture components: frames and sticky notes are layout and commentary, not parts to cover. */
function isComponent(node: Node): boolean {
  return variantOf(node.type) === 'component';
}

/** The framework steps a node type belongs to: those it is evidence of, else its category's step. */
export function stepsOfType(typeId: string): FrameworkStepId[] {
  const type = getNodeType(typeId);
  if (type?.evidenceOf.length) return [...type.evidenceOf];
  const category = type?.category;
  const step = category ? STEP_OF_CATEGORY[category] : null;
  return step ? [step] : [];
}

export function compareWithReference(board: readonly Node[], reference: readonly Node[]): Comparison {
  const references = reference.filter(isComponent);
  const available = board.filter(isComponent);
  const matches = new Map<string, { node: Node; coverage: Coverage }>();
  const take = (ref: Node, accept: (node: Node) => boolean, coverage: Coverage) => {
    const index = available.findIndex(accept);
    if (index === -1) return;
    matches.set(ref.id, { node: available[index]!, coverage });
    available.splice(index, 1);
  };
  for (const ref of references) take(ref, (n) => n.type === ref.type, 'covered');
  const category = (n: Node) => getNodeType(n.type)?.category;
  for (const ref of references) if (!matches.has(ref.id)) take(ref, (n) => category(n) === category(ref), 'similar');

  const parts = references.map((ref): ReferencePart => {
    const matched = matches.get(ref.id);
    const part: ReferencePart = {
      id: ref.id,
      title: ref.title,
      typeId: ref.type,
      typeLabel: getNodeType(ref.type)?.label ?? ref.type,
      coverage: matched?.coverage ?? 'missing',
    };
    if (matched) part.match = { id: matched.node.id, title: matched.node.title, typeLabel: getNodeType(matched.node.type)?.label ?? matched.node.type };
    return part;
  });
  return {
    steps: FRAMEWORK_STEPS.map((step) => ({ step: step.id, title: step.title, parts: parts.filter((p) => stepsOfType(p.typeId).includes(step.id)) })),
    total: parts.length,
    covered: parts.filter((p) => p.coverage === 'covered').length,
    similar: parts.filter((p) => p.coverage === 'similar').length,
  };
}
