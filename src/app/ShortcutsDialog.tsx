import { ACTIONS } from '../actions';
import { formatShortcut } from '../actions/shortcuts';
import { Dialog } from '../ui/Dialog';

/** Every keyboard shortcut, read from the action registry. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const withKeys = ACTIONS.filter((a) => a.shortcuts?.length);
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} className="shortcuts-dialog">
      <table className="shortcuts-table">
        <tbody>
          {withKeys.map((action) => (
            <tr key={action.id}>
              <td>{action.label}</td>
              <td>
                {action.shortcuts!.map((s) => (
                  <kbd key={s}>{formatShortcut(s)}</kbd>
                ))}
              </td>
            </tr>
          ))}
          <tr>
            <td>Pan the board</td>
            <td>
              <kbd>Space</kbd> + drag, or scroll
            </td>
          </tr>
          <tr>
            <td>Select several</td>
            <td>
              <kbd>Shift</kbd> + drag a box, or <kbd>{formatShortcut('Mod+A').replace(/\+?A$/, '')}</kbd> + click
            </td>
          </tr>
        </tbody>
      </table>
    </Dialog>
  );
}
