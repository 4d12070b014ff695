import { afterEach, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { BoardPresence, PUBLISH_INTERVAL_MS } from './boardPresence';
import { PEOPLE_COLORS } from './presence';

/** Two people whose awareness updates reach each other directly, as the server would relay them. */
function pair() {
  const make = (clientID: number) => {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    return new awarenessProtocol.Awareness(doc);
  };
  const [x, y] = [make(1), make(2)];
  const sent = { x: 0, y: 0 };
  const relay = (from: awarenessProtocol.Awareness, to: awarenessProtocol.Awareness, key: 'x' | 'y') =>
    from.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === 'relay') return;
      sent[key]++;
      awarenessProtocol.applyAwarenessUpdate(to, awarenessProtocol.encodeAwarenessUpdate(from, [...added, ...updated, ...removed]), 'relay');
    });
  relay(x, y, 'x');
  relay(y, x, 'y');
  const presences = [new BoardPresence(x), new BoardPresence(y)] as const;
  cleanup.push(() => presences.forEach((p) => p.destroy()));
  return { presences, sent };
}

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('BoardPresence', () => {
  it('publishes nothing before the person has a name, then everything at once', () => {
    const {
      presences: [ada, bo],
    } = pair();
    ada.setCursor({ x: 1, y: 2 });
    ada.setSelection(['n1']);
    expect(bo.getSnapshot().peers).toEqual([]);
    ada.setUser({ name: 'Ada', role: 'interviewer' });
    const [peer] = bo.getSnapshot().peers;
    expect(peer).toMatchObject({ clientId: 1, user: { name: 'Ada', role: 'interviewer' }, cursor: { x: 1, y: 2 }, selection: ['n1'] });
  });

  it('two people who pick the same colour end up with different ones; the lower client id keeps it', () => {
    const {
      presences: [ada, bo],
    } = pair();
    ada.setUser({ name: 'Ada', role: 'collaborator', color: PEOPLE_COLORS[3] });
    bo.setUser({ name: 'Bo', role: 'collaborator', color: PEOPLE_COLORS[3] });
    expect(ada.getSnapshot().color).toBe(PEOPLE_COLORS[3]);
    expect(bo.getSnapshot().color).not.toBe(PEOPLE_COLORS[3]);
    expect(ada.getSnapshot().peers[0]!.user.color).toBe(bo.getSnapshot().color);
  });

  it('pointer moves go out at most about 30 a second, the last position always', async () => {
    const {
      presences: [ada, bo],
      sent,
    } = pair();
    ada.setUser({ name: 'Ada', role: 'collaborator' });
    bo.setUser({ name: 'Bo', role: 'collaborator' });
    await tick(PUBLISH_INTERVAL_MS);
    const before = sent.x;
    for (let i = 0; i <= 100; i++) ada.setCursor({ x: i, y: i });
    // The first move goes at once (the last publish is old enough) or waits; the rest wait for the next slot.
    expect(sent.x - before).toBeLessThanOrEqual(1);
    await tick(PUBLISH_INTERVAL_MS * 3);
    expect(sent.x - before).toBeLessThanOrEqual(2);
    expect(bo.getSnapshot().peers[0]!.cursor).toEqual({ x: 100, y: 100 });
  });

  it('alone, pointer moves, drags and views are not sent; the latest goes out as soon as someone arrives', () => {
    const {
      presences: [ada, bo],
      sent,
    } = pair();
    ada.setUser({ name: 'Ada', role: 'collaborator' });
    const before = sent.x;
    for (let i = 0; i <= 100; i++) ada.setCursor({ x: i, y: i });
    ada.setDrag({ n1: { x: 5, y: 5 } });
    ada.setView({ x: 1, y: 2, width: 300, height: 200 });
    expect(sent.x).toBe(before);
    bo.setUser({ name: 'Bo', role: 'collaborator' });
    expect(sent.x).toBe(before + 1);
    expect(bo.getSnapshot().peers[0]).toMatchObject({ cursor: { x: 100, y: 100 }, drag: { n1: { x: 5, y: 5 } }, view: { x: 1, y: 2, width: 300, height: 200 } });
  });

  it("what this person sends changes nobody's snapshot: its readers are told only of the others' changes", async () => {
    const {
      presences: [ada, bo],
    } = pair();
    ada.setUser({ name: 'Ada', role: 'collaborator' });
    bo.setUser({ name: 'Bo', role: 'collaborator' });
    let told = 0;
    ada.subscribe(() => told++);
    const snapshot = ada.getSnapshot();
    for (let i = 0; i < 3; i++) {
      await tick(PUBLISH_INTERVAL_MS);
      ada.setCursor({ x: i, y: i });
      ada.setView({ x: i, y: 0, width: 300, height: 200 });
    }
    expect(told).toBe(0);
    expect(ada.getSnapshot()).toBe(snapshot);
    bo.setSelection(['n1']);
    expect(told).toBe(1);
    expect(ada.getSnapshot().peers[0]).toMatchObject({ user: { name: 'Bo' }, selection: ['n1'] });
  });

  it('the end of a drag and a pointer leaving are sent at once', () => {
    const {
      presences: [ada, bo],
    } = pair();
    ada.setUser({ name: 'Ada', role: 'collaborator' });
    ada.setDrag({ n1: { x: 5, y: 5 } });
    ada.setDrag({ n1: { x: 9, y: 9 } });
    ada.setDrag(null);
    ada.setCursor(null);
    expect(bo.getSnapshot().peers[0]).toMatchObject({ drag: null, cursor: null });
  });

  it('following stops by itself when the followed person leaves', () => {
    const {
      presences: [ada, bo],
    } = pair();
    ada.setUser({ name: 'Ada', role: 'collaborator' });
    bo.setUser({ name: 'Bo', role: 'collaborator' });
    bo.follow(1);
    expect(bo.getSnapshot().following).toBe(1);
    ada.destroy();
    expect(bo.getSnapshot().following).toBeNull();
    expect(bo.getSnapshot().peers).toEqual([]);
  });
});
