/**
 * Put this class on anything drawn over the canvas that is not part of the diagram (cursors,
 * presence): image export leaves it out. It lives apart from the export code so that the parts
 * drawn on every board do not pull the exporter into the board's first download.
 */
export const EXPORT_HIDDEN_CLASS = 'export-hidden';
