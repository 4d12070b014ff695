import { hasField, nameOf, textProp } from '../model';
import { defineRule } from '../types';

/** Personal data on the diagram comes with a word on how it is protected. */
export const privacyNoteRule = defineRule({
  id: 'privacy-note',
  title: 'Personal data',
  severity: 'warning',
  step: 'data',
  find(board) {
    return board.nodes
      .filter((n) => n.props.pii === true && hasField(n, 'privacyNote') && textProp(n, 'privacyNote') === '')
      .map((source) => ({
        message: `${nameOf(source)} holds personal data with no privacy note: say how consent, anonymisation, access and deletion are handled.`,
        question: `A user of ${nameOf(source)} asks to be forgotten: how does that reach your training data and the models already trained on it?`,
        nodeIds: [source.id],
      }));
  },
});
