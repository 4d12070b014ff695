import type { BoardPanelProps } from '../ui/slots';
import type { ConnectionState } from '../sync/connect';
import { useConnectionStatus } from '../sync/roomConnection';
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
 * server's reason when it closed or refused the connection. The link's role is applied apart
 * (ApplyAccess in ./useBoardAccess.ts), from the board's first frame.
 */
export function ConnectionStatus({ session }: BoardPanelProps) {
  const status = useConnectionStatus(session.connection);
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
