import { describe, expect, it } from 'vitest';
import { isFocused, nextPanels, type PanelsShown } from './panels';

const all: PanelsShown = { palette: true, side: true, legend: true, minimap: true };
const none: PanelsShown = { palette: false, side: false, legend: false, minimap: false };

describe('nextPanels', () => {
  it('shows both columns side by side on a wide screen', () => {
    expect(nextPanels({ ...all, side: false }, { side: true }, false)).toEqual(all);
  });
  it('opens one drawer at a time on a narrow screen', () => {
    expect(nextPanels({ ...none, palette: true }, { side: true }, true)).toEqual({ ...none, side: true });
    expect(nextPanels({ ...none, side: true }, { palette: true }, true)).toEqual({ ...none, palette: true });
    expect(nextPanels({ ...none, side: true }, { legend: true }, true)).toEqual({ ...none, side: true, legend: true });
  });
  it('is in focus mode when neither column shows', () => {
    expect(isFocused({ ...all, palette: false, side: false })).toBe(true);
    expect(isFocused({ ...none, side: true })).toBe(false);
  });
});
