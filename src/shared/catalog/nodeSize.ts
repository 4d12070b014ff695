/**
 * Component nodes are drawn at one fixed size, so layouts (templates, auto-layout, the overlap checks of
 * templates:check, export bounds) can be computed from the data alone, before anything is rendered.
 * Titles and face values longer than the card truncate with an ellipsis rather than grow it.
 * Frames and sticky notes carry their own size in the document.
 */
export const COMPONENT_NODE_SIZE = { width: 240, height: 120 } as const;
