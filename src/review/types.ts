import type { EdgeKind } from '../shared/catalog/edgeKinds';
import type { FrameworkStepId } from '../shared/catalog/framework';
import type { BoardModel, BoardPath } from './model';

export type Severity = 'error' | 'warning' | 'info';

/** Most serious first: the order findings are listed in. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * One change a fix makes to the board. Fixes are data, applied by ./applyFix.ts through the document
 * binding as one undo step; `ref` names a node the fix adds, for later operations to connect it.
 */
export type FixOperation =
  | { op: 'set-prop'; nodeId: string; key: string; value: unknown }
  | { op: 'add-node'; ref: string; type: string; title: string; props?: Record<string, unknown>; near: string }
  | { op: 'connect'; source: string; target: string; kind: EdgeKind };

/** A mechanical fix for a finding, offered as one click. */
export interface Fix {
  /** What the button says: "Split by time". */
  label: string;
  operations: FixOperation[];
}

/** One thing a reviewer would point at on the diagram. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  /** The framework step the finding belongs to. */
  step: FrameworkStepId;
  /** One line: the reason an interviewer would give. */
  message: string;
  /** The follow-up question an interviewer would ask about it. */
  question: string;
  /** The nodes concerned, for the UI to select and centre; for something missing, where it would attach. */
  nodeIds: string[];
  /** The edges concerned (the path that shows the flaw), if any. */
  edgeIds: string[];
  fix?: Fix;
}

export interface Rule {
  id: string;
  title: string;
  severity: Severity;
  step: FrameworkStepId;
  check(board: BoardModel): Finding[];
}

/** What a rule reports about one problem; defineRule adds the rule's id, severity and step. */
export interface Issue {
  message: string;
  question: string;
  nodeIds: string[];
  edgeIds?: string[];
  fix?: Fix;
}

export function defineRule(rule: Omit<Rule, 'check'> & { find(board: BoardModel): Issue[] }): Rule {
  const { find, ...about } = rule;
  return {
    ...about,
    check: (board) => find(board).map(({ edgeIds = [], ...issue }) => ({ ruleId: about.id, severity: about.severity, step: about.step, ...issue, edgeIds })),
  };
}

/** The nodes and edges of paths, once each, for a finding to show. */
export function shown(...paths: (BoardPath | undefined)[]): { nodeIds: string[]; edgeIds: string[] } {
  const nodeIds = new Set<string>();
  const edgeIds = new Set<string>();
  for (const path of paths) {
    for (const n of path?.nodes ?? []) nodeIds.add(n.id);
    for (const e of path?.edges ?? []) edgeIds.add(e.id);
  }
  return { nodeIds: [...nodeIds], edgeIds: [...edgeIds] };
}
