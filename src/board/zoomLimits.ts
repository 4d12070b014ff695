/** How far a canvas that draws a board (the board itself, its replay) zooms out and in: the same views in both. */
export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 2.5;
