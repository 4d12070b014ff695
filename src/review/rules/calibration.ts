import { hasField, nameOf, numberProp, textProp, type BoardModel, type ReviewNode } from '../model';
import { defineRule } from '../types';

/**
 * Downsampling negatives inflates predicted probabilities; anything that uses them as probabilities
 * (bids, thresholds, weighted sums) needs them corrected, in the trainer or by a calibrated ranker.
 */
export const calibrationRule = defineRule({
  id: 'calibration',
  title: 'Calibration after downsampling',
  severity: 'warning',
  step: 'model',
  find(board) {
    return board
      .withRole('learner')
      .filter(downsamplesWithoutCalibration)
      .flatMap((trainer) => {
        const scorers = [...servingPath(board, trainer)].filter((n) => hasField(n, 'calibrated'));
        if (scorers.some((n) => n.props.calibrated === true)) return [];
        const rate = numberProp(trainer, 'negativeSamplingRate')!;
        return [
          {
            message: `${nameOf(trainer)} keeps ${formatShare(rate)} of negatives but nothing calibrates its scores: predicted probabilities come out inflated.`,
            question: `You keep ${formatShare(rate)} of negatives: what does your model predict for an ad whose true CTR is 1 %, and how do you correct it?`,
            nodeIds: [trainer.id, ...scorers.map((n) => n.id)],
            fix: { label: 'Correct for downsampling', operations: [{ op: 'set-prop', nodeId: trainer.id, key: 'calibration', value: 'downsampling correction' }] },
          },
        ];
      });
  },
});

/** What the trainer's model flows into, and the online stages that call those (a ranker backed by a model server). */
function servingPath(board: BoardModel, trainer: ReviewNode): Set<ReviewNode> {
  const reached = new Set(board.downstream(trainer.id));
  const servers = [...reached].filter((n) => n.plane === 'online').map((n) => n.id);
  for (const caller of board.callersOf(servers)) reached.add(caller);
  return reached;
}

function downsamplesWithoutCalibration(node: ReviewNode): boolean {
  const rate = numberProp(node, 'negativeSamplingRate');
  return rate !== undefined && rate < 1 && ['', 'none'].includes(textProp(node, 'calibration'));
}

function formatShare(rate: number): string {
  return `${Number((rate * 100).toPrecision(3))}%`;
}
