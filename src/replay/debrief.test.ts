import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editText } from '../interview/interviewDoc';
import { noteText } from '../shared/interviewLayout';
import { editPrivateText, interviewerTypes, setGrade } from '../interview/interviewerDoc';
import { applyControlChange, markInterview, readControl } from '../shared/interview/control';
import { buildDebrief } from './debrief';
import { interviewSpan } from './debriefLoad';
import { debriefMarkdown } from './debriefMarkdown';
import { ReplayEngine, type TimedUpdate } from './engine';
import type { Mark } from './historyApi';
import { groupPeople } from './people';
import { readPrivateNotes } from './privateNotes';
import { recordSession, type RecordedSession } from './recordedSession';

function value(result: { ok: boolean; value?: string }): string {
  if (!result.ok) throw new Error('mutation failed');
  return result.value!;
}

/** A room written by one person, every update recorded at the session's clock. */
function recordedRoom(now: () => number, author: number) {
  const doc = new Y.Doc();
  const base = { at: now(), state: Y.encodeStateAsUpdate(doc) };
  const updates: TimedUpdate[] = [];
  doc.on('update', (update: Uint8Array) => updates.push({ at: now(), author, update }));
  return { doc, engine: () => new ReplayEngine({ base, updates }) };
}

/** The board room over the interview: the session's history, through the reveal. */
const overInterview = (session: RecordedSession, marks: readonly Mark[]) => new ReplayEngine(session.source(), { until: marks.find((m) => m.kind === 'reveal')!.at });

const SECRET = 'Candidate rushed the data step';

function interview() {
  const session = recordSession(2);
  const [candidate, interviewer] = session.people as [NonNullable<(typeof session.people)[0]>, NonNullable<(typeof session.people)[0]>];
  const start = session.now();
  const control = recordedRoom(session.now, interviewer.doc.clientID);
  const privateRoom = recordedRoom(session.now, interviewer.doc.clientID);
  applyControlChange(control.doc, null, markInterview({ title: 'Video recommendations', prompt: 'Recommend videos to 500M users.' }, 30 * 60_000), start);
  const marks: Mark[] = [];
  const at = (ms: number) => {
    session.advance(start + ms - session.now());
    return session.now();
  };

  marks.push({ at: at(1_000), kind: 'timer-start' }, { at: at(1_000), kind: 'step', step: 0 });
  at(20_000);
  const client = value(candidate.addNode('client-app', { x: 0, y: 0 }));
  at(40_000);
  editText(candidate, noteText(candidate.openInterview(), 'clarify'), { index: 0, remove: 0, insert: '500M users' });
  marks.push({ at: at(61_000), kind: 'step', step: 1 });
  at(70_000);
  const server = value(interviewer.addNode('model-server', { x: 400, y: 0 }));
  at(80_000);
  candidate.connect({ source: client, target: server });
  marks.push({ at: at(91_000), kind: 'timer-pause' });
  marks.push({ at: at(101_000), kind: 'timer-start' });
  marks.push({ at: at(121_000), kind: 'step', step: 2 });
  at(130_000);
  editText(candidate, noteText(candidate.openInterview(), 'data'), { index: 0, remove: 0, insert: 'Watch logs' });
  at(150_000);
  editText(candidate, noteText(candidate.openInterview(), 'data'), { index: 10, remove: 0, insert: ', 30 days' });
  at(160_000);
  const monitor = value(candidate.addNode('monitor', { x: 800, y: 0 }));
  candidate.connect({ source: server, target: monitor });
  const types = interviewerTypes(privateRoom.doc);
  setGrade(types, 'data', 'weak');
  editPrivateText(types, types.notes, { index: 0, remove: 0, insert: SECRET });
  marks.push({ at: at(181_000), kind: 'reveal' });
  at(200_000);
  return { session, start, marks, control, privateRoom, ids: { client, server, monitor }, candidate, interviewer };
}

/** The debrief of one person drawing a card of `first`, then one of `second`, 30 s apart. */
function debriefOfTwoCards(first: string, second: string) {
  const session = recordSession(1);
  const person = session.people[0]!;
  const start = session.now();
  session.advance(30_000);
  value(person.addNode(first, { x: 0, y: 0 }));
  session.advance(30_000);
  value(person.addNode(second, { x: 400, y: 0 }));
  const end = session.advance(30_000);
  const board = new ReplayEngine({ base: { at: start, state: Y.encodeStateAsUpdate(new Y.Doc()) }, updates: session.source().updates }, { until: end });
  return buildDebrief({ board, control: null, privatePart: null, marks: [], people: groupPeople([{ clientId: person.doc.clientID, name: 'Cleo' }]) });
}

describe('debrief', () => {
  it('counts the time of each step from the timer and step marks, against budgets scaled to the interview', () => {
    const { session, marks, control, candidate, interviewer } = interview();
    const people = groupPeople([
      { clientId: candidate.doc.clientID, name: 'Cleo' },
      { clientId: interviewer.doc.clientID, name: 'Ivan' },
    ]);
    const debrief = buildDebrief({ board: overInterview(session, marks), control: readControl(control.doc), privatePart: null, marks, people });
    expect(debrief.prompt).toEqual({ title: 'Video recommendations', text: 'Recommend videos to 500M users.' });
    expect(debrief.interviewMs).toBe(30 * 60_000);
    const spent = Object.fromEntries(debrief.steps.map((s) => [s.id, s.spentMs]));
    expect(spent).toEqual({ clarify: 60_000, framing: 50_000, data: 60_000, model: 0, evaluation: 0, serving: 0, monitoring: 0 });
    // Clarify is 5 of the framework's 45 minutes: 5/45 of a 30-minute interview.
    expect(debrief.steps[0]!.budgetMs).toBe(Math.round((30 * 60_000 * 5) / 45));
    const data = debrief.steps.find((s) => s.id === 'data')!;
    expect([data.noteEdits, data.firstNoteAt, data.lastNoteAt]).toEqual([2, 130_000, 150_000]);
  });

  it('lists the components in the order they appeared with who drew them, and the findings raised then fixed', () => {
    const { session, marks, ids, candidate, interviewer } = interview();
    const people = groupPeople([
      { clientId: candidate.doc.clientID, name: 'Cleo' },
      { clientId: interviewer.doc.clientID, name: 'Ivan' },
    ]);
    const debrief = buildDebrief({ board: overInterview(session, marks), control: null, privatePart: null, marks, people });
    expect(debrief.appearances.map((a) => [a.id, a.at, a.by])).toEqual([
      [ids.client, 20_000, 'Cleo'],
      [ids.server, 70_000, 'Ivan'],
      [ids.monitor, 160_000, 'Cleo'],
    ]);
    const fixed = debrief.fixed.find((f) => f.finding.ruleId === 'monitoring');
    expect(fixed).toMatchObject({ raisedAt: 70_000, fixedAt: 160_000 });
    expect(debrief.findings.some((f) => f.ruleId === 'monitoring')).toBe(false);
  });

  it('keeps a finding whose cards grow as one finding still present, not as fixed', () => {
    const debrief = debriefOfTwoCards('model-server', 'model-server');
    expect(debrief.findings.find((f) => f.ruleId === 'monitoring')?.nodeIds).toHaveLength(2);
    expect(debrief.fixed.map((f) => f.finding.ruleId)).not.toContain('monitoring');
  });

  it('keeps a board-wide finding that moves to other cards as one finding still present, not as fixed', () => {
    // No model serves yet: "no monitor" is about the trainer; once a model server is drawn, about the server alone.
    const debrief = debriefOfTwoCards('trainer', 'model-server');
    expect(debrief.findings.find((f) => f.ruleId === 'monitoring')?.nodeIds).toEqual([debrief.appearances[1]!.id]);
    expect(debrief.fixed.map((f) => f.finding.ruleId)).not.toContain('monitoring');
  });

  it("writes the rubric and private notes into the interviewer's Markdown only", () => {
    const { session, marks, privateRoom, candidate } = interview();
    const people = groupPeople([{ clientId: candidate.doc.clientID, name: 'Cleo' }]);
    const debrief = buildDebrief({ board: overInterview(session, marks), control: null, privatePart: readPrivateNotes(privateRoom.doc), marks, people });
    expect(debrief.privatePart).toMatchObject({ grades: { data: 'weak' }, notes: SECRET });
    const mine = debriefMarkdown(debrief, 'interviewer', 'data:image/png;base64,AAAA');
    const theirs = debriefMarkdown(debrief, 'candidate', 'data:image/png;base64,AAAA');
    expect(mine).toContain(SECRET);
    expect(mine).toMatch(/\| Data preparation \| weak \|/);
    expect(theirs).not.toContain(SECRET);
    expect(theirs).not.toContain('weak');
    expect(theirs).toContain('![The board at the end](data:image/png;base64,AAAA)');
    expect(theirs).toContain('> Watch logs, 30 days');
  });

  it('tells what was on the board when the interview started apart from what was drawn during it', () => {
    const session = recordSession(1);
    const person = session.people[0]!;
    session.advance(1_000);
    const client = value(person.addNode('client-app', { x: 0, y: 0 }));
    const server = value(person.addNode('model-server', { x: 400, y: 0 }));
    person.connect({ source: client, target: server });
    const drawnBefore = session.source().updates.length;
    // Weeks later, the interview: the board room over it starts from the board as it was then.
    session.advance(30 * 86_400_000);
    const start = session.now();
    const state = Y.encodeStateAsUpdate(person.doc);
    session.advance(60_000);
    const monitor = value(person.addNode('monitor', { x: 800, y: 0 }));
    person.connect({ source: server, target: monitor });
    const end = session.advance(60_000);
    const board = new ReplayEngine({ base: { at: start, state }, updates: session.source().updates.slice(drawnBefore) }, { until: end });
    const debrief = buildDebrief({ board, control: null, privatePart: null, marks: [], people: groupPeople([{ clientId: person.doc.clientID, name: 'Cleo' }]) });
    expect([debrief.startedAt, debrief.durationMs]).toEqual([start, 120_000]);
    expect(debrief.appearances.map((a) => [a.id, a.at, a.by])).toEqual([
      [client, null, 'Cleo'],
      [server, null, 'Cleo'],
      [monitor, 60_000, 'Cleo'],
    ]);
    expect(debrief.fixed.find((f) => f.finding.ruleId === 'monitoring')).toMatchObject({ raisedAt: null, fixedAt: 60_000 });
    const markdown = debriefMarkdown(debrief, 'candidate');
    expect(markdown).toContain('- at the start: Client app');
    expect(markdown).toMatch(/there at the start, fixed by 1:00/);
  });
});

describe('the interview span', () => {
  it("runs from the control room's first change to the reveal, or on while the interview has not ended", () => {
    const { start, marks, control } = interview();
    expect(interviewSpan(control.engine(), marks)).toEqual({ start, end: start + 181_000 });
    expect(
      interviewSpan(
        control.engine(),
        marks.filter((m) => m.kind !== 'reveal'),
      ),
    ).toEqual({ start, end: null });
  });

  it('is none on a board that never was an interview', () => {
    const { session, marks } = interview();
    expect(interviewSpan(recordedRoom(session.now, 1).engine(), marks)).toBeNull();
  });
});
