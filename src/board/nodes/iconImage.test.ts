import { describe, expect, it } from 'vitest';
import { NODE_TYPES, nodeIcon } from '../../catalog';
import { iconImage, iconShapes, liftedForDark } from './iconImage';

describe('card icons as images', () => {
  it('reads the shapes of every catalog icon', () => {
    for (const type of NODE_TYPES) {
      const shapes = iconShapes(nodeIcon(type.id));
      expect(shapes.length, type.id).toBeGreaterThan(0);
      for (const [tag] of shapes) expect(['path', 'circle', 'rect', 'line', 'polyline', 'polygon', 'ellipse'], type.id).toContain(tag);
    }
  });

  it('draws the icon as lucide does, stroked in the given colour, and caches it', () => {
    const type = NODE_TYPES[0]!;
    const image = iconImage(nodeIcon(type.id), '#2563eb', 2.2);
    expect(image.startsWith('url("data:image/svg+xml,')).toBe(true);
    const svg = decodeURIComponent(image.slice('url("data:image/svg+xml,'.length, -2));
    expect(svg).toContain('viewBox="0 0 24 24"');
    expect(svg).toContain('stroke="#2563eb"');
    expect(svg).toContain('stroke-width="2.2"');
    expect(svg).not.toContain(' key=');
    expect(iconImage(nodeIcon(type.id), '#2563eb', 2.2)).toBe(image);
  });

  it('lifts a colour for dark themes as color-mix(in srgb, colour 65%, #fff)', () => {
    expect(liftedForDark('#000000')).toBe('#595959');
    expect(liftedForDark('#2563eb')).toBe('#719af2');
  });
});
