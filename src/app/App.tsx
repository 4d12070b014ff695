import { isBoardId } from '../shared/boardId';
import { addressedBoard, BoardPage } from './BoardPage';
import { NoticeArea } from '../ui/notices';
import { BoardLinkError, DebriefPage, LandingPage, NewBoardPage, ReplayPage } from './pages';
import { pageToken } from '../replay/pageToken';
import { followLink, useLocation } from '../ui/router';

/**
 * Routes: `/` the landing page, `/b/<id>` a board (its token kept in this browser, see
 * ../collab/boardTokens.ts), `/new?template=<id>` a new board (from a template),
 * `/b/<id>/replay?at=<ms>` the board's replay, `/b/<id>/debrief` its debrief report.
 */
export function App() {
  const location = useLocation();
  return (
    <>
      <Route url={location} />
      <NoticeArea />
    </>
  );
}

function Route({ url }: { url: URL }) {
  const params = url.searchParams;
  if (url.pathname === '/' || url.pathname === '') return <LandingPage />;
  if (url.pathname === '/new') return <NewBoardPage templateId={params.get('template') ?? undefined} />;
  const board = addressedBoard(url.pathname);
  if (board === 'no-token') return <BoardLinkError reason="missing" />;
  if (board) return <BoardPage key={`${board.boardId}:${board.token ?? ''}`} boardId={board.boardId} token={board.token} templateId={params.get('template') ?? undefined} />;
  const lookBack = /^\/b\/([^/]+)\/(replay|debrief)\/?$/.exec(url.pathname);
  if (lookBack && isBoardId(lookBack[1])) {
    // A look-back page opens with its link's token or the one kept here; without either, nothing of the board is asked for.
    // The address as it is: `url` leaves out the fragment, where the link's token rides.
    if (!pageToken(lookBack[1])) return <BoardLinkError reason="missing" />;
    const at = Number(params.get('at'));
    if (lookBack[2] === 'debrief') return <DebriefPage key={lookBack[1]} boardId={lookBack[1]} />;
    return <ReplayPage key={lookBack[1]} boardId={lookBack[1]} at={params.has('at') && Number.isFinite(at) ? at : undefined} />;
  }
  return (
    <div className="page-message">
      <p>{url.pathname.startsWith('/b/') ? 'This is not a valid board link.' : 'There is no page here.'}</p>
      <a href="/" onClick={followLink}>
        Go to your boards
      </a>
    </div>
  );
}
