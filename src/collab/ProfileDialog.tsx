import { useState, type FormEvent } from 'react';
import { Dialog } from '../app/Dialog';
import { MAX_NAME, PEOPLE_ROLE_LABELS, PEOPLE_ROLES, type PeopleRole } from './presence';
import type { Profile } from './profile';

/** Asks for the name others see next to your cursor and your role in the session. */
export function ProfileDialog({ initial, onSave, onClose }: { initial: Profile | null; onSave(profile: Profile): void; onClose(): void }) {
  const [name, setName] = useState(initial?.name ?? '');
  const [role, setRole] = useState<PeopleRole>(initial?.role ?? 'solo');
  const trimmed = name.trim();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (trimmed) onSave({ name: trimmed, role, color: initial?.color });
  };
  return (
    <Dialog title={initial ? 'Your name on boards' : 'Join the board'} onClose={onClose} className="profile-dialog">
      <form className="profile-form" onSubmit={submit}>
        <label className="field">
          <span className="field-label">Your name</span>
          <input type="text" value={name} maxLength={MAX_NAME} required data-autofocus autoComplete="nickname" onChange={(e) => setName(e.target.value)} />
          <span className="field-help">Shown to the others next to your cursor. Remembered in this browser.</span>
        </label>
        <fieldset className="profile-roles">
          <legend className="field-label">You are here as</legend>
          {PEOPLE_ROLES.map((r) => (
            <label key={r} className="profile-role">
              <input type="radio" name="people-role" value={r} checked={role === r} onChange={() => setRole(r)} />
              {PEOPLE_ROLE_LABELS[r]}
            </label>
          ))}
        </fieldset>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={!trimmed}>
            {initial ? 'Save' : 'Join'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
