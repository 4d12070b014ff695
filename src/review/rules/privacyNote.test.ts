import { describe, expect, it } from 'vitest';
import { check, edit, SOUND_DESIGN, type BoardSpec } from '../testBoards';
import { privacyNoteRule } from './privacyNote';

describe('privacy note rule', () => {
  it('flags a data source holding personal data with no privacy note', () => {
    const findings = check(privacyNoteRule, edit(SOUND_DESIGN, { props: { logs: { privacyNote: '  ' } } }));
    expect(findings.map((f) => [f.severity, f.nodeIds])).toEqual([['warning', ['logs']]]);
    expect(findings[0].message).toMatch(/^"Interaction log" holds personal data with no privacy note/);
  });

  it('is silent with a privacy note, or without personal data', () => {
    expect(check(privacyNoteRule, SOUND_DESIGN)).toEqual([]);
    expect(check(privacyNoteRule, edit(SOUND_DESIGN, { props: { logs: { pii: false, privacyNote: '' } } }))).toEqual([]);
  });

  it('still fires on a profile table the model server looks up online, drawn apart from the training data', () => {
    // Fraud scoring: training reads transactions in batch; at request time the model reads user profiles.
    const lookedUp: BoardSpec = {
      nodes: [
        { id: 'server', type: 'model-server', title: 'Fraud model' },
        { id: 'app', type: 'client-app', title: 'Checkout' },
        { id: 'profiles', type: 'data-source', title: 'User profiles', props: { entity: 'users', pii: true } },
        { id: 'tx', type: 'data-source', title: 'Transactions', props: { entity: 'transactions' } },
        { id: 'trainer', type: 'trainer', title: 'GBDT trainer' },
      ],
      edges: [
        ['app', 'server', 'online'],
        ['server', 'profiles', 'online'],
        ['tx', 'trainer', 'batch'],
        ['trainer', 'server', 'streaming'],
      ],
    };
    expect(check(privacyNoteRule, lookedUp).map((f) => f.nodeIds)).toEqual([['profiles']]);
    expect(check(privacyNoteRule, edit(lookedUp, { props: { profiles: { privacyNote: 'Hashed ids, access by role' } } }))).toEqual([]);
  });
});
