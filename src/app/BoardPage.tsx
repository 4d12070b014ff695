import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useActionKeys } from '../actions/dispatch';
import { ActionRunnerContext, makeRunner } from '../actions/runner';
import type { ActionContext, BoardUi, DialogId } from '../actions/types';
import { BindingContext, useBoardTitle } from '../board/BoardContext';
import { ApplyAccess, useAccess } from '../collab/useBoardAccess';
import { Canvas } from '../board/Canvas';
import { useReadableView } from '../board/useReadableView';
import { Palette } from '../board/Palette';
import { BoardBinding, type FlowEdge, type FlowNode } from '../doc/binding';
import type { Point } from '../doc/geometry';
import type { RecentBoard } from '../sync/recentBoards';
import { openBoardSession, type BoardSession } from '../sync/session';
import { fileDropHandlers } from '../export/fileDrop';
import { BoardLinkError } from './pages';
import { CANVAS_LAYERS, CANVAS_OVERLAYS, DIALOGS, SIDE_PANELS, templateLoaders } from './extensions';
import { Header } from './Header';
import { afterBoardPainted, usePrefetchLazyParts } from '../ui/lazyPart';
import { notifyError } from '../ui/notices';
import { usePanels } from '../ui/panels';
import { navigate } from '../ui/router';
import { boardIdOfPath } from '../ui/address';
import { boardToken, isLocalBoard } from '../sync/boardTokens';
import { SidePanel } from './SidePanel';

/** Puts the board on the landing page's list of recent boards; that list's code is fetched once the board is drawn. */
async function rememberBoard(board: Pick<RecentBoard, 'id'> & Partial<RecentBoard>): Promise<void> {
  await afterBoardPainted();
  (await import('../sync/recentBoards')).rememberBoard(board);
}

/** The board a /b/<id> address opens and the token kept for it (undefined for a board kept in this browser only); 'no-token' for a link whose token is missing; null for another address. */
export function addressedBoard(pathname: string): { boardId: string; token: string | undefined } | 'no-token' | null {
  const boardId = boardIdOfPath(pathname);
  if (!boardId) return null;
  const token = boardToken(boardId);
  return token || isLocalBoard(boardId) ? { boardId, token } : 'no-token';
}

let openedEarly: BoardSession | undefined;

/**
 * Opens the session of the board the page's address names while the app starts (src/main.tsx),
 * before React's first frame: its local copy loads from IndexedDB meanwhile, where opened by the
 * board page's effect it would start only after that frame. The board page takes it over.
 */
export function openAddressedBoardEarly(): void {
  const board = addressedBoard(window.location.pathname);
  if (board && board !== 'no-token') openedEarly = openBoardSession(board.boardId, board.token);
}

function takeSession(boardId: string, token: string | undefined): BoardSession {
  const early = openedEarly;
  openedEarly = undefined;
  if (early?.boardId === boardId && early.token === token) return early;
  early?.destroy();
  return openBoardSession(boardId, token);
}

/** Opens the board's session (local copy first), then shows the workspace around it. */
export function BoardPage({ boardId, token, templateId }: { boardId: string; token?: string; templateId?: string }) {
  const [open, setOpen] = useState<{ session: BoardSession; binding: BoardBinding } | { error: string } | null>(null);

  useEffect(() => {
    let cancelled = false;
    let binding: BoardBinding | undefined;
    const session = takeSession(boardId, token);
    // A token seen before opens at once (offline too); a new one waits for the server's word, so a
    // wrong link never shows the editor, not even for a moment.
    const access = session.access && !session.access.getSnapshot().access ? session.access.refresh() : undefined;
    Promise.all([session.ready, access]).then(
      () => {
        if (cancelled) return;
        binding = new BoardBinding(session.doc);
        setOpen({ session, binding });
      },
      (error: Error) => !cancelled && setOpen({ error: `This board could not be opened from this browser's storage: ${error.message}` }),
    );
    return () => {
      cancelled = true;
      binding?.destroy();
      session.destroy();
      setOpen(null);
    };
  }, [boardId, token]);

  if (!open) return <div className="page-message">Opening board…</div>;
  if ('error' in open) return <div className="page-message error">{open.error}</div>;
  return <OpenBoard session={open.session} binding={open.binding} templateId={templateId} />;
}

function OpenBoard({ session, binding, templateId }: { session: BoardSession; binding: BoardBinding; templateId?: string }) {
  const { denied } = useAccess(session);
  if (denied) return <BoardLinkError reason={denied.reason === 'link_revoked' ? 'replaced' : 'refused'} />;
  return (
    <ReactFlowProvider>
      <BindingContext.Provider value={binding}>
        <Workspace session={session} binding={binding} templateId={templateId} />
      </BindingContext.Provider>
    </ReactFlowProvider>
  );
}

const SNAP_KEY = 'mldb.snapToGrid';

function Workspace({ session, binding, templateId }: { session: BoardSession; binding: BoardBinding; templateId?: string }) {
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const readableView = useReadableView();
  // The title only: the whole workspace must not render again on every frame of a drag.
  const title = useBoardTitle();
  const panels = usePanels();
  // `opened` counts the openings: a dialog opened again is a new element, whatever state the last one was left in.
  const [dialog, setDialog] = useState<{ id: DialogId; opened: number } | null>(null);
  const [snapToGrid, setSnapToGrid] = useState(() => localStorage.getItem(SNAP_KEY) === 'true');
  const snapRef = useRef(snapToGrid);
  snapRef.current = snapToGrid;
  const canvasRef = useRef<HTMLElement>(null);
  const pointerRef = useRef<Point | null>(null);

  const ctx = useMemo<ActionContext>(() => {
    const ui: BoardUi = {
      get snapToGrid() {
        return snapRef.current;
      },
      setSnapToGrid(on) {
        localStorage.setItem(SNAP_KEY, String(on));
        setSnapToGrid(on);
      },
      openDialog(id) {
        if (DIALOGS[id]) setDialog((open) => ({ id, opened: (open?.opened ?? 0) + 1 }));
        else notifyError(`There is no dialog "${id}".`);
      },
      viewCentre() {
        const rect = canvasRef.current?.getBoundingClientRect();
        if (!rect) return { x: 0, y: 0 };
        return flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
      },
      pointer: () => pointerRef.current,
      showReadable: readableView.show,
      fitWhole: readableView.fitWhole,
      legibleWidth: readableView.legibleWidth,
    };
    return { binding, flow, session, ui };
  }, [binding, flow, session, readableView]);
  const runner = useMemo(() => makeRunner(ctx), [ctx]);
  const getContext = useCallback(() => ctx, [ctx]);
  useActionKeys(getContext, dialog === null);

  useEffect(() => {
    document.title = `${title} — ML Design Board`;
    void rememberBoard({ id: session.boardId, title, updatedAt: Date.now() });
    return () => {
      document.title = 'ML Design Board';
    };
  }, [title, session]);

  useEffect(() => {
    const onUpdate = () => void rememberBoard({ id: session.boardId, updatedAt: Date.now() });
    session.doc.on('update', onUpdate);
    return () => session.doc.off('update', onUpdate);
  }, [session]);

  // The server connection's code comes after the board's first frame (src/sync/roomConnection.ts).
  useEffect(() => void afterBoardPainted().then(() => session.connection?.start()), [session]);
  useTemplateOnce(templateId, session, binding);
  usePrefetchLazyParts();
  const OpenDialog = dialog ? DIALOGS[dialog.id] : undefined;

  return (
    <ActionRunnerContext.Provider value={runner}>
      <div className="board-page">
        <ApplyAccess session={session} binding={binding} />
        <Header session={session} binding={binding} />
        <div className="board-body">
          {panels.palette && <Palette />}
          <main className="canvas-area" ref={canvasRef} aria-label="Board canvas" {...fileDropHandlers(() => ctx.ui.openDialog('import'))}>
            <Canvas snapToGrid={snapToGrid} pointerRef={pointerRef} layers={CANVAS_LAYERS} />
            {CANVAS_OVERLAYS.map((Overlay, index) => (
              <Overlay key={index} session={session} binding={binding} />
            ))}
          </main>
          {panels.side && <SidePanel panels={SIDE_PANELS} session={session} binding={binding} />}
        </div>
        {OpenDialog && <OpenDialog key={dialog!.opened} session={session} binding={binding} onClose={() => setDialog(null)} />}
      </div>
    </ActionRunnerContext.Provider>
  );
}

/**
 * A board opened from /new?template=<id> arrives with `template` in its URL: the registered loader
 * fills it, then the parameter is dropped so a reload does not load the template again.
 */
function useTemplateOnce(templateId: string | undefined, session: BoardSession, binding: BoardBinding) {
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (!templateId || done.current === templateId) return;
    done.current = templateId;
    const url = new URL(window.location.href);
    url.searchParams.delete('template');
    navigate(url.pathname + url.search, { replace: true });
    void (async () => {
      for (const load of templateLoaders) {
        const result = await load(templateId, { session, binding });
        if (!result) continue;
        if (!result.ok) notifyError(result.error);
        return;
      }
      notifyError(`There is no template "${templateId}"; the board starts empty.`);
    })();
  }, [templateId, session, binding]);
}
