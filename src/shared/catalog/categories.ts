/** The categories of the node catalog, in palette order, each with the colour its nodes share. */
export const CATEGORIES = [
  { id: 'product', label: 'Product', color: '#475569' },
  { id: 'data', label: 'Data', color: '#2563eb' },
  { id: 'features', label: 'Features', color: '#0d9488' },
  { id: 'training', label: 'Training', color: '#7c3aed' },
  { id: 'serving', label: 'Serving', color: '#ea580c' },
  { id: 'experimentation', label: 'Experimentation', color: '#db2777' },
  { id: 'monitoring', label: 'Monitoring', color: '#dc2626' },
  { id: 'annotation', label: 'Annotation', color: '#a16207' },
] as const;

export type CategoryId = (typeof CATEGORIES)[number]['id'];
