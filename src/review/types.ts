import type { ReviewContext } from './context';

export type Severity = 'error' | 'warning' | 'info';

/** Most serious first: the order findings are listed in. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** One thing a reviewer would point at on the diagram. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  /** One line: the reason an interviewer would give. */
  message: string;
  /** The nodes concerned, for the UI to select and centre; for something missing, where it would attach. */
  nodeIds: string[];
}

export interface Rule {
  id: string;
  title: string;
  severity: Severity;
  check(ctx: ReviewContext): Finding[];
}

/** What a rule reports about one problem; defineRule adds the rule's id and severity. */
export interface Issue {
  message: string;
  nodeIds: string[];
}

export function defineRule(rule: Omit<Rule, 'check'> & { find(ctx: ReviewContext): Issue[] }): Rule {
  const { find, ...about } = rule;
  return { ...about, check: (ctx) => find(ctx).map((issue) => ({ ruleId: about.id, severity: about.severity, ...issue })) };
}
