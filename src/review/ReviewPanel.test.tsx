// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReviewPanel } from './ReviewPanel';
import type { Finding } from './types';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const MONITOR_FIX = { label: 'Add a monitor', operations: [] };
const findings: Finding[] = [
  {
    ruleId: 'monitoring',
    severity: 'error',
    step: 'monitoring',
    message: 'No monitor anywhere: <b>drift</b>.',
    question: 'Who is paged?',
    nodeIds: ['server', 'ranker'],
    edgeIds: ['e1'],
    fix: MONITOR_FIX,
  },
  { ruleId: 'privacy-note', severity: 'warning', step: 'data', message: '"Logs" holds personal data with no privacy note.', question: 'Deletion?', nodeIds: ['logs'], edgeIds: [] },
  { ruleId: 'feedback-loop', severity: 'error', step: 'monitoring', message: 'Nothing flows back.', question: 'How does a click become a label?', nodeIds: [], edgeIds: [] },
];

let container: HTMLElement;
let root: Root;
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

function render(shown: Finding[], onSelectNodes = vi.fn(), onFix?: (finding: Finding) => void) {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root.render(<ReviewPanel findings={shown} onSelectNodes={onSelectNodes} onFix={onFix} />));
  return onSelectNodes;
}

describe('review panel', () => {
  it('counts findings by severity and titles each with its rule, showing messages as text', () => {
    render(findings);
    expect(container.querySelector('.review-summary')?.textContent).toBe('2 errors1 warning');
    const items = [...container.querySelectorAll('.review-finding')];
    expect(items.map((b) => b.querySelector('.review-rule')?.textContent)).toEqual(['Monitoring', 'Personal data', 'Feedback loop']);
    expect(items[0].querySelector('b')).toBeNull();
    expect(items[0].textContent).toContain('<b>drift</b>');
  });

  it('selects the nodes a finding names, and cannot select when it names none', () => {
    const onSelectNodes = render(findings);
    const [first, , none] = [...container.querySelectorAll<HTMLButtonElement>('.review-finding')];
    act(() => first.click());
    expect(onSelectNodes).toHaveBeenCalledWith(['server', 'ranker'], ['e1']);
    expect(none.disabled).toBe(true);
  });

  it("shows each finding's follow-up question, and offers a fix only where there is one and the board may change", () => {
    const onFix = vi.fn();
    render(findings, vi.fn(), onFix);
    expect([...container.querySelectorAll('.review-question')].map((q) => q.textContent?.trim())).toEqual(['Who is paged?', 'Deletion?', 'How does a click become a label?']);
    const fixes = [...container.querySelectorAll<HTMLButtonElement>('.review-fix')];
    expect(fixes.map((b) => b.textContent?.trim())).toEqual(['Add a monitor']);
    act(() => fixes[0]!.click());
    expect(onFix).toHaveBeenCalledWith(findings[0]);
    act(() => root.unmount());
    container.remove();
    render(findings);
    expect(container.querySelector('.review-fix')).toBeNull();
  });

  it('says what it checked when there is nothing to flag', () => {
    render([]);
    expect(container.textContent).toMatch(/Nothing to flag/);
    expect(container.textContent).toMatch(/Checked: .*monitoring, .*feedback loop\./);
  });
});
