import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { notify } from '../ui/notices';
import type { BoardBinding } from '../doc/binding';
import type { BoardFile } from '../shared/format';
import { droppedFile, forgetDroppedFile } from './fileDrop';
import { READ_ONLY_IMPORT } from '../actions/importAccess';
import { mergeSpot } from './mergePlacement';
import { openAsNewBoard } from './openAsNewBoard';
import { readBoardFile } from './readFile';
import './export.css';
import { viewMotion } from '../ui/motion';

/**
 * The Import dialog: pick (or drop) a .json board file or a .png / .svg exported by this app, see
 * what it holds, then open it as a new board or add it beside the current content (one undo step).
 * Nothing touches the board until the file has passed parseBoardText; a refused file leaves the
 * board as it was and its message names the problem.
 */
export const IMPORT_ACCEPT = '.json,.png,.svg,application/json,image/png,image/svg+xml';

type State =
  | { step: 'choose' }
  | { step: 'reading'; name: string }
  | { step: 'ready'; name: string; board: BoardFile; migratedFrom: number }
  | { step: 'error'; name: string; error: string }
  | { step: 'applying'; name: string; board: BoardFile; migratedFrom: number };

export function ImportDialog({ binding, onClose }: { binding: BoardBinding; onClose(): void }) {
  const flow = useReactFlow();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ step: 'choose' });

  // A file dropped on the board is read at once; later picks go through the file input.
  const [dropped] = useState(droppedFile);
  useEffect(() => {
    forgetDroppedFile();
    if (dropped && !binding.readOnly) void read(dropped);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a dropped file is read once, when the dialog opens for it
  }, [dropped]);

  async function read(chosen: File) {
    setState({ step: 'reading', name: chosen.name });
    const result = await readBoardFile(chosen);
    setState(result.ok ? { step: 'ready', name: chosen.name, board: result.board, migratedFrom: result.migratedFrom } : { step: 'error', name: chosen.name, error: result.error });
  }

  function addBeside() {
    if (state.step !== 'ready') return;
    const { board, name } = state;
    const ids = binding.insertBoard(board, mergeSpot(binding.toBoardFile(), board));
    onClose();
    notify(`Added ${count(ids.length, 'node')} from ${name}. Undo removes them in one step.`);
    requestAnimationFrame(() => void flow.fitView({ padding: 0.15, includeHiddenNodes: true, duration: viewMotion(200) }));
  }

  async function openNew() {
    if (state.step !== 'ready') return;
    setState({ ...state, step: 'applying' });
    try {
      await openAsNewBoard(state.board);
      onClose();
    } catch (error) {
      setState({ step: 'error', name: state.name, error: `The new board could not be created: ${(error as Error).message}` });
    }
  }

  // Only a dropped file opens the dialog on a view-only board (the Import action is off there).
  if (binding.readOnly) {
    return (
      <Dialog title="Import" className="export-dialog" onClose={onClose}>
        <p className="export-status export-status-warning" role="alert">
          Import is not available: {READ_ONLY_IMPORT}
        </p>
      </Dialog>
    );
  }

  const busy = state.step === 'reading' || state.step === 'applying';
  return (
    <Dialog title="Import" className="export-dialog" onClose={() => !busy && onClose()}>
      <p className="export-hint">Open a .json board file, or a .png or .svg image exported from ML Design Board. You can also drop a file on the board.</p>
      <div className="export-actions">
        <button type="button" onClick={() => input.current?.click()} disabled={busy}>
          Choose file…
        </button>
        <input
          ref={input}
          type="file"
          accept={IMPORT_ACCEPT}
          hidden
          data-testid="import-file-input"
          onChange={(e) => {
            const chosen = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (chosen) void read(chosen);
          }}
        />
      </div>

      {state.step === 'reading' && (
        <p className="export-status export-status-busy" role="status">
          Reading {state.name}…
        </p>
      )}
      {state.step === 'error' && (
        <p className="export-status export-status-error" role="alert">
          Could not open {state.name}: {state.error} The board was not changed.
        </p>
      )}
      {(state.step === 'ready' || state.step === 'applying') && (
        <>
          <p className="export-status export-status-done" role="status">
            {state.name} holds “{state.board.title}”: {count(state.board.nodes.length, 'node')} and {count(state.board.edges.length, 'edge')}
            {state.migratedFrom < state.board.version ? ` (upgraded from file version ${state.migratedFrom})` : ''}.
          </p>
          <div className="export-actions">
            <button type="button" className="export-primary" onClick={addBeside} disabled={busy || !state.board.nodes.length}>
              Add beside the current content
            </button>
            <button type="button" onClick={() => void openNew()} disabled={busy}>
              Open as a new board
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
