import { describe, expect, it } from 'vitest';
import { matches } from './shortcuts';

const key = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}, code = '') => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('shortcut matching', () => {
  it('tells Mod+Z from Mod+Shift+Z', () => {
    expect(matches('Mod+Z', key('z', { ctrlKey: true }, 'KeyZ'))).toBe(true);
    expect(matches('Mod+Z', key('Z', { ctrlKey: true, shiftKey: true }, 'KeyZ'))).toBe(false);
    expect(matches('Mod+Shift+Z', key('Z', { metaKey: true, shiftKey: true }, 'KeyZ'))).toBe(true);
    expect(matches('Mod+Z', key('z', {}, 'KeyZ'))).toBe(false);
  });

  it('matches letters by physical key on other layouts, and punctuation by character', () => {
    expect(matches('Mod+D', key('в', { ctrlKey: true }, 'KeyD'))).toBe(true);
    expect(matches('?', key('?', { shiftKey: true }, 'Slash'))).toBe(true);
    expect(matches('Shift+1', key('!', { shiftKey: true }, 'Digit1'))).toBe(true);
    expect(matches('Shift+ArrowUp', key('ArrowUp', { shiftKey: true }))).toBe(true);
    expect(matches('ArrowUp', key('ArrowUp', { shiftKey: true }))).toBe(false);
    expect(matches('Delete', key('Delete'))).toBe(true);
  });
});
