/**
 * The duration of a view change (zoom, fit, pan to a node) in milliseconds: none for someone whose
 * system asks for reduced motion, for whom a sliding viewport is the kind of motion that setting is for.
 */
export function viewMotion(ms: number): number {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : ms;
}
