import { describe, expect, it } from 'vitest';
import { groupPeople } from './people';

describe('people of a history', () => {
  it('groups client ids by announced name, gives each person a distinct colour, and names the unnamed', () => {
    const people = groupPeople(
      [
        { clientId: 0, name: null },
        { clientId: 1, name: 'Ana' },
        { clientId: 2, name: 'Ben' },
        { clientId: 3, name: 'Ana' },
        { clientId: 4, name: null },
      ],
      [5],
    );
    expect(people.list.map((p) => [p.name, p.clientIds])).toEqual([
      ['Ana', [1, 3]],
      ['Ben', [2]],
      ['Someone (1)', [0]],
      ['Someone (2)', [4]],
      ['Someone (3)', [5]],
    ]);
    expect(people.list.map((p) => p.named)).toEqual([true, true, false, false, false]);
    expect(new Set(people.list.map((p) => p.color)).size).toBe(5);
    expect(people.of(3)).toBe(people.of(1));
    expect(people.of(99).name).toBe('Someone (4)');
    expect(people.of(99)).toBe(people.of(99));
  });
});
