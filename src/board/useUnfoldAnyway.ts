import { useState } from 'react';

/**
 * For an overlay folded for now (a card being worked on under it, or no room on the canvas): whether
 * the user unfolded it anyway, and the way to say so. Their word holds until the reason passes; the
 * next time one comes, the overlay folds again.
 */
export function useUnfoldAnyway(foldedForNow: boolean): [unfoldedAnyway: boolean, unfold: () => void] {
  const [unfolded, setUnfolded] = useState(false);
  // Reset while rendering, as React advises for state that follows a prop: no frame shows the stale state.
  if (unfolded && !foldedForNow) setUnfolded(false);
  return [unfolded, () => setUnfolded(true)];
}
