import { describe, expect, it } from 'vitest';
import { check, edit, SOUND_DESIGN, type BoardSpec } from '../testBoards';
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

  it('still fires when the model reaches serving through a streaming registry and a ranker calls the model server', () => {
    // Ads drawn with the auction after the ranker and the model pushed to the server as a stream.
    const auction: BoardSpec = {
      nodes: [
        { id: 'auction', type: 'rules-engine', title: 'Auction' },
        { id: 'ranker', type: 'ranker', title: 'pCTR ranker', props: { candidatesScored: 300 } },
        { id: 'server', type: 'model-server', title: 'pCTR model' },
        { id: 'app', type: 'client-app', title: 'Publisher page' },
        { id: 'trainer', type: 'trainer', title: 'LR trainer', props: { negativeSamplingRate: 0.05 } },
        { id: 'registry', type: 'model-registry' },
        { id: 'clicks', type: 'message-queue', title: 'Clicks' },
      ],
      edges: [
        ['app', 'ranker', 'online'],
        ['ranker', 'server', 'online'],
        ['ranker', 'auction', 'online'],
        ['clicks', 'trainer', 'streaming'],
        ['trainer', 'registry', 'streaming'],
        ['registry', 'server', 'streaming'],
        ['app', 'clicks', 'feedback'],
      ],
    };
    const findings = check(calibrationRule, auction);
    expect(findings.map((f) => f.nodeIds)).toEqual([['trainer', 'ranker']]);
    expect(findings[0].message).toMatch(/^"LR trainer" keeps 5% of negatives/);
    expect(check(calibrationRule, edit(auction, { props: { ranker: { calibrated: true } } }))).toEqual([]);
  });
});
