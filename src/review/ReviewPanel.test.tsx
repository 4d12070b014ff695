// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReviewPanel } from './ReviewPanel';
import type { Finding } from './types';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const findings: Finding[] = [
  { ruleId: 'monitoring', severity: 'error', message: 'No monitor anywhere: <b>drift</b>.', nodeIds: ['server', 'ranker'] },
  { ruleId: 'privacy-note', severity: 'warning', message: '"Logs" holds personal data with no privacy note.', nodeIds: ['logs'] },
  { ruleId: 'feedback-loop', severity: 'error', message: 'Nothing flows back.', nodeIds: [] },
];

let container: HTMLElement;
let root: Root;
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

function render(shown: Finding[], onSelectNodes = vi.fn()) {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root.render(<ReviewPanel findings={shown} onSelectNodes={onSelectNodes} />));
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
    expect(onSelectNodes).toHaveBeenCalledWith(['server', 'ranker']);
    expect(none.disabled).toBe(true);
  });

  it('says what it checked when there is nothing to flag', () => {
    render([]);
    expect(container.textContent).toMatch(/Nothing to flag/);
    expect(container.textContent).toMatch(/Checked: .*monitoring, feedback loop\./);
  });
});
