import { hasField, nameOf, textProp } from '../context';
import { defineRule } from '../types';

/** Personal data on the diagram comes with a word on how it is protected. */
export const privacyNoteRule = defineRule({
  id: 'privacy-note',
  title: 'Personal data',
  severity: 'warning',
  find(ctx) {
    return ctx.nodes
      .filter((n) => n.props.pii === true && hasField(n, 'privacyNote') && textProp(n, 'privacyNote') === '')
      .map((source) => ({
        message: `${nameOf(source)} holds personal data with no privacy note: say how consent, anonymisation, access and deletion are handled.`,
        nodeIds: [source.id],
      }));
  },
});
