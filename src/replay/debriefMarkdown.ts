import { FRAMEWORK_STEPS } from '../shared/catalog/frameworkSteps';
import type { Debrief } from './debrief';
import { formatClock } from './ReplayShell';

/**
 * The debrief as Markdown, images included as data: URLs so the one file carries everything.
 * The candidate's copy leaves out the private part (rubric and the interviewer's notes) entirely:
 * it is never written, not hidden.
 */
export type Audience = 'interviewer' | 'candidate';

export function debriefMarkdown(debrief: Debrief, audience: Audience, boardImage?: string): string {
  const lines: string[] = [];
  const out = (...more: string[]) => lines.push(...more);
  out(`# Debrief: ${inline(debrief.title)}`, '');
  out(`${new Date(debrief.startedAt).toUTCString()} · ${formatClock(debrief.durationMs)} of interview · ${audience === 'interviewer' ? "interviewer's copy" : "candidate's copy"}`, '');
  if (debrief.prompt) out('## The prompt', '', `**${inline(debrief.prompt.title)}**`, '', quote(debrief.prompt.text), '');

  out('## Time per framework step', '', '| Step | Spent | Budget | Notes edits | Notes from–to |', '|---|---:|---:|---:|---|');
  for (const step of debrief.steps) {
    const span = step.firstNoteAt === null ? '–' : `${formatClock(step.firstNoteAt)}–${formatClock(step.lastNoteAt ?? step.firstNoteAt)}`;
    const over = step.spentMs > step.budgetMs ? ' (over)' : '';
    out(`| ${step.title} | ${formatClock(step.spentMs)}${over} | ${formatClock(step.budgetMs)} | ${step.noteEdits} | ${span} |`);
  }
  out('');

  out('## The board at the end', '');
  if (boardImage) out(`![The board at the end](${boardImage})`, '');
  out(`${debrief.finalBoard.nodes.length} nodes, ${debrief.finalBoard.edges.length} edges.`, '');

  out('## When each component appeared', '');
  if (!debrief.appearances.length) out('No components were drawn.');
  for (const a of debrief.appearances) out(`- ${sinceStart(a.at)}: ${inline(a.title)} (${a.typeLabel}), by ${inline(a.by)}`);
  out('');

  out('## Review findings at the end', '');
  if (!debrief.findings.length) out('None: the review has nothing to point at.');
  for (const f of debrief.findings) out(`- **${f.severity}** (${stepTitle(f.step)}): ${inline(f.message)} — _${inline(f.question)}_`);
  out('', '## Raised and fixed during the interview', '');
  if (!debrief.fixed.length) out('None.');
  for (const f of debrief.fixed) out(`- ${inline(f.finding.message)}: ${raised(f.raisedAt)}, fixed by ${formatClock(f.fixedAt)}`);
  out('');

  if (debrief.coverage) {
    const c = debrief.coverage;
    out('## Coverage against the reference', '', `${c.covered} of ${c.total} reference components covered, ${c.similar} by something similar.`, '');
    for (const step of c.steps) {
      const missing = step.parts.filter((p) => p.coverage === 'missing').map((p) => p.title);
      out(`- ${step.title}: ${step.parts.length - missing.length}/${step.parts.length}${missing.length ? ` (missing: ${missing.map(inline).join(', ')})` : ''}`);
    }
    out('');
  }

  const notes = FRAMEWORK_STEPS.filter((s) => debrief.notes[s.id]);
  if (notes.length) {
    out('## Framework notes', '');
    for (const s of notes) out(`### ${s.title}`, '', quote(debrief.notes[s.id]!), '');
  }

  if (audience === 'interviewer' && debrief.privatePart) {
    const p = debrief.privatePart;
    out("## Interviewer's rubric (private)", '', '| Step | Grade | Notes |', '|---|---|---|');
    for (const s of FRAMEWORK_STEPS) out(`| ${s.title} | ${p.grades[s.id] ?? '–'} | ${cell(p.gradeNotes[s.id] ?? '')} |`);
    out('');
    if (p.notes) out("## Interviewer's notes (private)", '', quote(p.notes), '');
  }
  return lines.join('\n');
}

/** A time in the report: from the interview's start, or null for what the board held when it started. */
export const sinceStart = (ms: number | null): string => (ms === null ? 'at the start' : formatClock(ms));

export const raised = (ms: number | null): string => (ms === null ? 'there at the start' : `raised by ${formatClock(ms)}`);

function stepTitle(id: string): string {
  return FRAMEWORK_STEPS.find((s) => s.id === id)?.title ?? id;
}

/** Text on one line, with Markdown's and HTML's active characters escaped. */
function inline(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

function cell(text: string): string {
  return inline(text) || ' ';
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line.replace(/([\\`*_[\]<>|])/g, '\\$1')}`)
    .join('\n');
}
