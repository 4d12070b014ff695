/**
 * Component nodes are drawn at one fixed size, so layouts (templates, auto-layout, the overlap checks of
 * templates:check, export bounds) can be computed from the data alone, before anything is rendered.
 * The height holds a two-line title and three face rows of up to three lines each in most cases (a face
 * row is label and value run together); longer text ends in an ellipsis, and the row's title attribute
 * holds it whole.
 * Frames and sticky notes carry their own size in the document.
 */
export const COMPONENT_NODE_SIZE = { width: 240, height: 180 } as const;
