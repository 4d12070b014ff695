import { describe, expect, it } from 'vitest';
import { MAX_CANVAS_AREA, MAX_CANVAS_SIDE, planImage, scaleNotice } from './imagePlan';

describe('PNG size plan', () => {
  it('draws the bounds plus padding at the scale asked for', () => {
    const plan = planImage({ x: -100, y: 50, width: 1000.4, height: 600 }, 32, 2);
    expect(plan.area).toEqual({ x: -132, y: 18, width: 1065, height: 664 });
    expect(plan).toMatchObject({ scale: 2, pixelWidth: 2130, pixelHeight: 1328 });
    expect(scaleNotice(plan)).toBeNull();
  });

  it('lowers the scale of a very wide board to the side limit and says so', () => {
    const plan = planImage({ x: 0, y: 0, width: 20_000, height: 1_000 }, 0, 3);
    expect(plan.scale).toBe(1.63);
    expect(plan.pixelWidth).toBeLessThanOrEqual(MAX_CANVAS_SIDE);
    expect(scaleNotice(plan)).toBe('The board is too large for a 3x image in this browser, so it was exported at 1.63x (32,599 x 1,630 px). Export SVG for a sharp image at any size.');
  });

  it('lowers the scale of a large square board to the area limit', () => {
    const plan = planImage({ x: 0, y: 0, width: 9_000, height: 9_000 }, 0, 3);
    expect(plan.scale).toBe(1.82);
    expect(plan.pixelWidth * plan.pixelHeight).toBeLessThanOrEqual(MAX_CANVAS_AREA);
  });

  it('keeps at least one pixel for a board as large as the format allows', () => {
    const plan = planImage({ x: -1e7, y: -1e7, width: 2e7, height: 2e7 }, 32, 1);
    expect(plan.pixelWidth).toBeGreaterThanOrEqual(1);
    expect(plan.pixelWidth).toBeLessThanOrEqual(MAX_CANVAS_SIDE);
  });
});
