import type { LucideIcon } from 'lucide-react';
import type { ReactElement } from 'react';

type IconNode = [tag: string, attributes: Record<string, string | number>, children?: IconNode][];

/**
 * The shapes of a lucide icon. A lucide-react icon is a forwardRef whose render function hands
 * its shapes (`icon.node`) to lucide's <Icon>; read from there, the same source the <svg> is
 * built from. iconImage.test.ts checks every catalog icon still gives shapes.
 */
export function iconShapes(Icon: LucideIcon): IconNode {
  const element = (Icon as unknown as { render(props: object, ref: null): ReactElement<{ icon?: { node?: IconNode } }> }).render({}, null);
  return element.props.icon?.node ?? [];
}

const escape = (value: string | number) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function markup(nodes: IconNode): string {
  return nodes
    .map(([tag, attributes, children]) => {
      const attrs = Object.entries(attributes)
        .filter(([name]) => name !== 'key')
        .map(([name, value]) => ` ${name}="${escape(value)}"`)
        .join('');
      return `<${tag}${attrs}>${children ? markup(children) : ''}</${tag}>`;
    })
    .join('');
}

const cache = new Map<LucideIcon, Map<string, string>>();

/**
 * A lucide icon as a CSS image (`url("data:image/svg+xml,...")`), stroked in `color` as
 * <Icon color strokeWidth> draws it. A card shows its icon as a background: an inline <svg> on
 * each of 1,000 cards made Chrome carry a transform and a clip per card on every frame of a drag
 * and hit-test every shape under the pointer; an image is drawn like a colour. Cached per icon and colour.
 */
export function iconImage(Icon: LucideIcon, color: string, strokeWidth: number): string {
  const key = `${color}|${strokeWidth}`;
  let images = cache.get(Icon);
  if (!images) cache.set(Icon, (images = new Map()));
  let image = images.get(key);
  if (!image) {
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="${escape(color)}" stroke-width="${strokeWidth}" ` +
      `stroke-linecap="round" stroke-linejoin="round">${markup(iconShapes(Icon))}</svg>`;
    image = `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
    images.set(key, image);
  }
  return image;
}

/** `color` as CSS color-mix(in srgb, color 65%, #fff) gives it: how dark themes lift catalog colours (board.css). */
export function liftedForDark(color: string): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color)?.[1];
  if (!hex) return color;
  const channel = (i: number) => Math.round(parseInt(hex.slice(i, i + 2), 16) * 0.65 + 255 * 0.35);
  return `#${[0, 2, 4].map((i) => channel(i).toString(16).padStart(2, '0')).join('')}`;
}
