import { useEffect, useState, type CSSProperties } from 'react';
import type { BoardPanelProps } from '../app/extensions';
import { initials, PEOPLE_ROLE_LABELS } from './presence';
import { ProfileDialog } from './ProfileDialog';
import { saveProfile, useProfile } from './profile';
import { usePresence } from './usePresence';
import './collab.css';

const GUEST = { name: 'Guest', role: 'solo' } as const;

/**
 * Header widget: avatars of everyone on the board, you first. Click someone to follow their view
 * until you pan or zoom yourself; click yourself to change your name. On a first visit to a
 * shared board it asks for your name and role; closing that dialog joins as "Guest" for now.
 */
export function PeopleBar({ session }: BoardPanelProps) {
  const { presence } = session;
  const profile = useProfile();
  const { peers, following, color } = usePresence(presence);
  const [editing, setEditing] = useState(false);
  const [skipped, setSkipped] = useState(false);
  const me = profile ?? (skipped ? GUEST : null);

  useEffect(() => {
    if (!presence) return;
    if (profile) {
      const user = presence.setUser(profile);
      if (user.color !== profile.color) saveProfile({ ...profile, color: user.color });
    } else if (skipped) presence.setUser(GUEST);
  }, [presence, profile, skipped]);

  if (!presence) return null;
  return (
    <div className="people-bar" role="group" aria-label="People on this board">
      {me && (
        <button
          type="button"
          className="avatar avatar-self"
          style={{ background: color ?? 'var(--muted)' }}
          title={`You: ${me.name} (${PEOPLE_ROLE_LABELS[me.role]}). Click to change your name.`}
          aria-label={`You: ${me.name}`}
          onClick={() => setEditing(true)}
        >
          {initials(me.name)}
        </button>
      )}
      {peers.map((peer) => {
        const followed = peer.clientId === following;
        return (
          <button
            key={peer.clientId}
            type="button"
            className={`avatar${followed ? ' is-followed' : ''}`}
            style={{ background: peer.user.color, '--peer-color': peer.user.color } as CSSProperties}
            title={`${peer.user.name} (${PEOPLE_ROLE_LABELS[peer.user.role]}). ${followed ? 'Following: pan or zoom to stop.' : 'Click to follow their view.'}`}
            aria-label={`${peer.user.name}, ${PEOPLE_ROLE_LABELS[peer.user.role]}`}
            aria-pressed={followed}
            onClick={() => presence.follow(followed ? null : peer.clientId)}
          >
            {initials(peer.user.name)}
          </button>
        );
      })}
      {(!me || editing) && (
        <ProfileDialog
          initial={profile}
          onSave={(next) => {
            saveProfile(next);
            setEditing(false);
          }}
          onClose={() => {
            setSkipped(true);
            setEditing(false);
          }}
        />
      )}
    </div>
  );
}
