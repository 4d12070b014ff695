import { useState, type FormEvent } from 'react';
import { Dialog } from '../ui/Dialog';
import { MAX_NAME } from '../sync/presence';
import type { Profile } from './profile';

/** The name others see next to your cursor; the role is the link's, never chosen here. */
export function NameForm({ initial, submitLabel, help, onSave }: { initial: Profile | null; submitLabel: string; help: string; onSave(profile: Profile): void }) {
  const [name, setName] = useState(initial?.name ?? '');
  const trimmed = name.trim();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (trimmed) onSave({ name: trimmed, color: initial?.color });
  };
  return (
    <form className="profile-form" onSubmit={submit}>
      <label className="field">
        <span className="field-label">Your name</span>
        <span className="profile-name-row">
          <input type="text" value={name} maxLength={MAX_NAME} required data-autofocus autoComplete="nickname" onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="button button-primary" disabled={!trimmed}>
            {submitLabel}
          </button>
        </span>
        <span className="field-help">{help}</span>
      </label>
    </form>
  );
}

/** Asks for the name when someone else is on the board, or to change it (the avatar). */
export function ProfileDialog({ initial, onSave, onClose }: { initial: Profile | null; onSave(profile: Profile): void; onClose(): void }) {
  return (
    <Dialog title={initial ? 'Your name on boards' : 'Join the board'} onClose={onClose} className="profile-dialog">
      <NameForm initial={initial} submitLabel={initial ? 'Save' : 'Join'} help="Shown to the others next to your cursor. Remembered in this browser." onSave={onSave} />
    </Dialog>
  );
}
