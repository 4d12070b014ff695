/** The background grid and the snap step share one size, so snapped nodes sit on the dots. */
export const GRID_SIZE = 20;
