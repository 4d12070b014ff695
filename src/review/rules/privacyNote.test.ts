import { describe, expect, it } from 'vitest';
import { check, edit, SOUND_DESIGN } from '../testBoards';
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
});
