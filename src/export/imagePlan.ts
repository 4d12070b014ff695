/**
 * How big a PNG export can be. Browsers refuse canvases past a side or an area limit and then draw
 * nothing, so a large board at 3x would come out blank. Chromium's limits are 32,767 px a side
 * (65,535 in recent versions) and 268,435,456 px in all (16,384 x 16,384); Firefox allows more. We
 * plan the canvas ourselves, lowering the scale to fit, and say so, instead of letting the browser
 * hand back an empty image.
 */
export const MAX_CANVAS_SIDE = 32_767;
export const MAX_CANVAS_AREA = 268_435_456;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ImagePlan {
  /** The area of the board drawn, in board coordinates: the diagram's bounds plus padding. */
  area: Rect;
  /** The scale asked for and the one used (lower when the canvas would pass the limits). */
  requestedScale: number;
  scale: number;
  /** The size of the PNG in pixels. */
  pixelWidth: number;
  pixelHeight: number;
}

export function planImage(bounds: Rect, padding: number, requestedScale: number): ImagePlan {
  const width = Math.ceil(bounds.width + 2 * padding);
  const height = Math.ceil(bounds.height + 2 * padding);
  const fit = Math.min(MAX_CANVAS_SIDE / width, MAX_CANVAS_SIDE / height, Math.sqrt(MAX_CANVAS_AREA / (width * height)));
  // Two decimals, rounded down, so the pixel size is predictable and never over the limit.
  const scale = fit >= requestedScale ? requestedScale : Math.max(Math.floor(fit * 100) / 100, fit * 0.99);
  return {
    area: { x: bounds.x - padding, y: bounds.y - padding, width, height },
    requestedScale,
    scale,
    pixelWidth: Math.max(1, Math.floor(width * scale)),
    pixelHeight: Math.max(1, Math.floor(height * scale)),
  };
}

/** The note shown to the user when the scale had to be lowered; null when it was not. */
export function scaleNotice(plan: ImagePlan): string | null {
  if (plan.scale >= plan.requestedScale) return null;
  return (
    `The board is too large for a ${plan.requestedScale}x image in this browser, so it was exported at ` +
    `${plan.scale}x (${plan.pixelWidth.toLocaleString('en-US')} x ${plan.pixelHeight.toLocaleString('en-US')} px). ` +
    'Export SVG for a sharp image at any size.'
  );
}
