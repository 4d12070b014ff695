import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardBinding } from '../doc/binding';
import { applyFix } from './applyFix';
import { review } from './index';
import { edit, makeBoard, SOUND_DESIGN } from './testBoards';

function boardWith(spec: Parameters<typeof makeBoard>[0]): BoardBinding {
  const binding = new BoardBinding(new Y.Doc());
  binding.replaceBoard(makeBoard(spec));
  binding.undoManager.clear();
  return binding;
}

describe('applying a review fix', () => {
  it('adds a monitor wired to the models as one undo step, and undo brings the finding back', () => {
    const binding = boardWith(edit(SOUND_DESIGN, { remove: ['monitor'] }));
    const [finding] = review(binding.toBoardFile()).filter((f) => f.ruleId === 'monitoring');
    expect(finding?.fix).toBeDefined();
    expect(applyFix(binding, finding!.fix!)).toEqual({ ok: true });
    const board = binding.toBoardFile();
    const monitor = board.nodes.find((n) => n.type === 'monitor')!;
    expect(
      board.edges
        .filter((e) => e.target === monitor.id)
        .map((e) => [e.source, e.kind])
        .sort(),
    ).toEqual([
      ['ranker', 'streaming'],
      ['server', 'streaming'],
    ]);
    expect(review(board).filter((f) => f.ruleId === 'monitoring')).toEqual([]);
    binding.undo();
    expect(binding.toBoardFile().nodes.some((n) => n.type === 'monitor')).toBe(false);
    expect(binding.toBoardFile().edges).toHaveLength(makeBoard(edit(SOUND_DESIGN, { remove: ['monitor'] })).edges.length);
    expect(review(binding.toBoardFile()).some((f) => f.ruleId === 'monitoring')).toBe(true);
  });

  it('changes nothing on a read-only board and says why', () => {
    const binding = boardWith(edit(SOUND_DESIGN, { remove: ['monitor'] }));
    binding.setReadOnly(true);
    const [finding] = review(binding.toBoardFile()).filter((f) => f.ruleId === 'monitoring');
    expect(applyFix(binding, finding!.fix!)).toMatchObject({ ok: false, error: expect.stringMatching(/read-only/) });
    expect(binding.toBoardFile().nodes.some((n) => n.type === 'monitor')).toBe(false);
  });
});
