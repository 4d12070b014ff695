import { useEffect, useState } from 'react';
import type { BoardBinding } from '../doc/binding';
import { review, type Finding } from './index';

/**
 * The design review of the board as it is now, run again (at most once a frame) whenever the board
 * changes. Selection and drags re-emit the binding's snapshot without changing the board: those are
 * skipped. The Review panel and the Framework panel's readiness read it.
 */
export function useReview(binding: BoardBinding): Finding[] {
  const [findings, setFindings] = useState<Finding[]>(() => review(binding.toBoardFile()));
  useEffect(() => {
    let frame = 0;
    let lastBoard = '';
    const run = () => {
      frame = 0;
      const board = binding.toBoardFile();
      const key = JSON.stringify(board);
      if (key === lastBoard) return;
      lastBoard = key;
      setFindings(review(board));
    };
    const unsubscribe = binding.subscribe(() => {
      if (!frame) frame = requestAnimationFrame(run);
    });
    run();
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [binding]);
  return findings;
}
