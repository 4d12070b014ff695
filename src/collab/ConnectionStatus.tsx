import type { BoardPanelProps } from '../ui/slots';
import { useConnectionStatus, type ConnectionState } from '../sync/connect';
import { useApplyAccess } from './useBoardAccess';
import './collab.css';

const LABELS: Record<ConnectionState, string> = {
  connected: 'Connected',
  connecting: 'Connecting…',
  offline: 'Offline',
  stopped: 'Disconnected',
};

const HINTS: Record<ConnectionState, string> = {
  connected: 'Your changes reach the others as you make them.',
  connecting: 'Joining the board on the server.',
  offline: 'The server cannot be reached. Keep working: your changes are kept in this browser and merge when the connection is back.',
  stopped: 'The server does not accept this link for now. Your changes stay in this browser.',
};

/**
 * Header widget: the connection to the collaboration server (connected, connecting, offline,
 * disconnected for good), how many of this person's edits the server has not stored yet, and the
 * server's reason when it closed or refused the connection. It also applies the link's role.
 */
export function ConnectionStatus({ session, binding }: BoardPanelProps) {
  const status = useConnectionStatus(session.provider);
  useApplyAccess(session, binding, status?.state);
  if (!status) return null;
  const { state, unsynced, message } = status;
  const pending = unsynced > 0 ? `${unsynced} unsynced ${unsynced === 1 ? 'edit' : 'edits'}` : null;
  return (
    <div className="collab-status" data-state={state} title={[HINTS[state], message].filter(Boolean).join('\n')}>
      <span role="status" aria-label="Connection status" className="collab-status-main">
        <span className="collab-status-dot" aria-hidden />
        <span className="collab-status-label">{LABELS[state]}</span>
        {pending && <span className="collab-status-pending"> · {pending}</span>}
      </span>
      {message && (
        <span className="collab-status-message" role="alert">
          {message}
        </span>
      )}
    </div>
  );
}
