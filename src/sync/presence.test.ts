import { describe, expect, it } from 'vitest';
import { chooseColor, initials, PEOPLE_COLORS, readPeers, settleColor } from './presence';

const user = (name: string, color: string = PEOPLE_COLORS[0]) => ({ name, role: 'candidate', color });

describe('readPeers', () => {
  it('keeps valid states of others, fills defaults, orders by client id and skips self', () => {
    const states = new Map<number, unknown>([
      [30, { user: user('Bo', '#2563eb'), cursor: { x: 10, y: -4 }, selection: ['n1'] }],
      [7, { user: user('Ada') }],
      [12, { user: user('Me') }],
    ]);
    const peers = readPeers(states, 12);
    expect(peers.map((p) => p.clientId)).toEqual([7, 30]);
    expect(peers[0]).toEqual({ clientId: 7, user: user('Ada'), cursor: null, selection: [], drag: null, view: null });
    expect(peers[1]!.cursor).toEqual({ x: 10, y: -4 });
  });

  it('ignores states that do not parse: no user, bad colour, long names, non-finite coordinates, empty state', () => {
    const states = new Map<number, unknown>([
      [1, {}],
      [2, null],
      [3, { cursor: { x: 1, y: 2 } }],
      [4, { user: { ...user('Eve'), color: 'red;background:url(x)' } }],
      [5, { user: user('x'.repeat(41)) }],
      [6, { user: user('Nan'), cursor: { x: Number.NaN, y: 0 } }],
      [7, { user: user('Big'), view: { x: 0, y: 0, width: 0, height: 10 } }],
      [8, { user: { ...user('Who'), role: 'admin' } }],
      [9, { user: user('  ') }],
    ]);
    expect(readPeers(states, 0)).toEqual([]);
  });

  it('reads in-drag positions and views', () => {
    const states = new Map<number, unknown>([[2, { user: user('Ada'), drag: { a: { x: 1, y: 2 } }, view: { x: -10, y: 5, width: 800, height: 600 } }]]);
    const [peer] = readPeers(states, 1);
    expect(peer!.drag).toEqual({ a: { x: 1, y: 2 } });
    expect(peer!.view).toEqual({ x: -10, y: 5, width: 800, height: 600 });
  });
});

describe('colours', () => {
  it('keeps the remembered colour when nobody wears it', () => {
    expect(chooseColor('#2563eb', ['#e11d48'], 3)).toBe('#2563eb');
  });

  it('picks the least worn colour when the remembered one is taken or absent', () => {
    const worn = PEOPLE_COLORS.filter((c) => c !== '#16a34a');
    expect(chooseColor(PEOPLE_COLORS[0], worn, 0)).toBe('#16a34a');
    expect(chooseColor(undefined, [], 4)).toBe(PEOPLE_COLORS[4]);
    // Everyone wears one colour once: the seed decides, and the second round starts over.
    expect(PEOPLE_COLORS).toContain(chooseColor(undefined, [...PEOPLE_COLORS], 12));
  });

  it('refuses a remembered value that is not a colour', () => {
    expect(PEOPLE_COLORS as readonly string[]).toContain(chooseColor('javascript:1', [], 0));
  });

  it('on a clash the higher client id changes colour, the lower keeps it', () => {
    const peers = [{ clientId: 5, user: { color: PEOPLE_COLORS[0] } }];
    expect(settleColor({ clientId: 9, color: PEOPLE_COLORS[0] }, peers)).not.toBe(PEOPLE_COLORS[0]);
    expect(settleColor({ clientId: 2, color: PEOPLE_COLORS[0] }, peers)).toBe(PEOPLE_COLORS[0]);
  });
});

describe('initials', () => {
  it('takes the first letters of the first two words', () => {
    expect(initials('ada lovelace')).toBe('AL');
    expect(initials('Bo')).toBe('B');
    expect(initials('  Zoë  Ünal  König ')).toBe('ZÜ');
    expect(initials('')).toBe('?');
  });

  it('uses letters only, and skips notes in brackets', () => {
    expect(initials('Ivy (interviewer)')).toBe('I');
    expect(initials('Ivy [candidate] Chen')).toBe('IC');
    expect(initials('(Ivy')).toBe('I');
    expect(initials('#1 Ada "Lovelace"')).toBe('AL');
    expect(initials('42 99')).toBe('?');
    expect(initials('😀 Ada')).toBe('A');
  });
});
