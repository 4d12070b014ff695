import { useEffect, useState, type CSSProperties } from 'react';
import type { BoardPanelProps } from '../ui/slots';
import type { ParticipantRole } from '../sync/access';
import { initials } from '../sync/presence';
import { ProfileDialog } from './ProfileDialog';
import { saveProfile, useProfile } from './profile';
import { useParticipantRole } from './useBoardAccess';
import { useBoardPresence, usePresence } from './usePresence';
import './collab.css';

const ROLE_LABELS: Record<ParticipantRole, string> = { interviewer: 'Interviewer', candidate: 'Candidate', collaborator: 'Collaborator', viewer: 'Viewer' };

/**
 * Header widget: avatars of everyone on the board, you first. Click someone to follow their view
 * until you pan or zoom yourself; click yourself to change your name. Nobody is asked for a name
 * while alone on a board: until they give one they appear under their role ("Interviewer"), and
 * the name is asked once someone else is here (or when they share the board, in the Share dialog).
 * Closing that question keeps the role's name for now.
 */
export function PeopleBar({ session }: BoardPanelProps) {
  const presence = useBoardPresence(session);
  const profile = useProfile();
  // Until the server has answered, a person shows as a collaborator: the weakest role that edits.
  const role = useParticipantRole(session) ?? 'collaborator';
  const { peers, following, color } = usePresence(presence);
  const [editing, setEditing] = useState(false);
  const [skipped, setSkipped] = useState(false);
  const name = profile?.name ?? ROLE_LABELS[role];
  const asking = editing || (!profile && !skipped && peers.length > 0);

  useEffect(() => {
    if (!presence) return;
    const user = presence.setUser({ name, role, color: profile?.color });
    if (profile && user.color !== profile.color) saveProfile({ ...profile, color: user.color });
  }, [presence, profile, name, role]);

  if (!presence) return null;
  return (
    <div className="people-bar" role="group" aria-label="People on this board">
      <button
        type="button"
        className="avatar avatar-self"
        style={{ background: color ?? 'var(--muted)' }}
        title={`You: ${name} (${ROLE_LABELS[role]}). Click to ${profile ? 'change' : 'give'} your name.`}
        aria-label={`You: ${name}`}
        onClick={() => setEditing(true)}
      >
        {initials(name)}
      </button>
      {peers.map((peer) => {
        const followed = peer.clientId === following;
        return (
          <button
            key={peer.clientId}
            type="button"
            className={`avatar${followed ? ' is-followed' : ''}`}
            style={{ background: peer.user.color, '--peer-color': peer.user.color } as CSSProperties}
            title={`${peer.user.name} (${ROLE_LABELS[peer.user.role]}). ${followed ? 'Following: pan or zoom to stop.' : 'Click to follow their view.'}`}
            aria-label={`${peer.user.name}, ${ROLE_LABELS[peer.user.role]}`}
            aria-pressed={followed}
            onClick={() => presence.follow(followed ? null : peer.clientId)}
          >
            {initials(peer.user.name)}
          </button>
        );
      })}
      {asking && (
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
