import { describe, expect, it } from 'vitest';
import { check, edit, SOUND_DESIGN } from '../testBoards';
import { calibrationRule } from './calibration';

const UNCALIBRATED = edit(SOUND_DESIGN, { props: { trainer: { calibration: 'none' } } });

describe('calibration rule', () => {
  it('flags negative downsampling with no calibration, naming the trainer and the ranker that serves it', () => {
    const findings = check(calibrationRule, UNCALIBRATED);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', nodeIds: ['trainer', 'ranker'] });
    expect(findings[0].message).toBe('"DCN trainer" keeps 10% of negatives but nothing calibrates its scores: predicted probabilities come out inflated.');
  });

  it('is silent when the trainer corrects for downsampling, or the ranker serving its model is calibrated', () => {
    expect(check(calibrationRule, SOUND_DESIGN)).toEqual([]);
    expect(check(calibrationRule, edit(UNCALIBRATED, { props: { ranker: { calibrated: true } } }))).toEqual([]);
  });

  it('is silent when negatives are all kept', () => {
    expect(check(calibrationRule, edit(UNCALIBRATED, { props: { trainer: { negativeSamplingRate: 1 } } }))).toEqual([]);
    expect(check(calibrationRule, edit(UNCALIBRATED, { props: { trainer: { negativeSamplingRate: undefined } } }))).toEqual([]);
  });
});
