import { choice, longText } from '../fields';
import { defineNodeType } from '../types';

export const STAGES = ['data', 'training', 'serving', 'monitoring', 'other'] as const;
export type Stage = (typeof STAGES)[number];

/** A stage frame such as "Offline training": holds nodes and moves them with it. */
export const stageFrame = defineNodeType({
  id: 'group',
  label: 'Stage frame',
  category: 'annotation',
  variant: 'group',
  defaultSize: { width: 480, height: 300 },
  description: 'A frame for one stage of the system; nodes inside move with it.',
  props: {
    stage: choice('Stage', STAGES, 'other', {
      labels: { data: 'Data', training: 'Offline training', serving: 'Online serving', monitoring: 'Monitoring', other: 'Other' },
    }),
  },
  face: ['stage'],
});

export const stickyNote = defineNodeType({
  id: 'sticky-note',
  label: 'Sticky note',
  category: 'annotation',
  variant: 'note',
  defaultSize: { width: 200, height: 140 },
  description: 'A free-form note: an assumption, an estimate, an open question.',
  props: {
    text: longText('Text'),
  },
  face: ['text'],
});

export const annotationTypes = [stageFrame, stickyNote];
