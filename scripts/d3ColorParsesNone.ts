/**
 * d3-color in the app's build (vite.config.ts): a colour parser that finds no colour. React Flow's d3
 * modules (d3-zoom's transitions, through d3-transition and d3-interpolate) import d3-color but only
 * ever interpolate views: zoom transforms and numbers, never a colour. Asked whether a value is a
 * colour, d3 hears no and interpolates it as any other value (a string by the numbers in it), which is
 * what it does for every value React Flow gives it. The colour spaces are never built. d3-color is 4 KB
 * of the board's first download (docs/BENCHMARKS.md).
 */
export function color(): null {
  return null;
}

function noColourSpace(): never {
  throw new Error('d3-color is left out of the app (vite.config.ts): nothing in it interpolates colours');
}

export { noColourSpace as cubehelix, noColourSpace as gray, noColourSpace as hcl, noColourSpace as hsl, noColourSpace as lab, noColourSpace as lch, noColourSpace as rgb };
