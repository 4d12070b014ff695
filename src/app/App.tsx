import { isBoardId } from '../shared/boardId';
import { BoardPage } from './BoardPage';
import { LandingPage } from './LandingPage';
import { NewBoardPage } from './NewBoardPage';
import { lazyPart } from './lazyPart';
import { NoticeArea } from './notices';
import { followLink, useLocation } from './router';

const ReplayPage = lazyPart(() => import('../replay/ReplayPage').then((m) => m.ReplayPage), 'panel');

/**
 * Routes: `/` the landing page, `/b/<id>?token=` a board, `/new?template=<id>` a new board (from a
 * template), `/b/<id>/replay?at=<ms>` the board's replay.
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
  const board = /^\/b\/([^/]+)\/?$/.exec(url.pathname);
  if (board && isBoardId(board[1])) {
    return <BoardPage key={board[1]} boardId={board[1]} token={params.get('token') ?? undefined} templateId={params.get('template') ?? undefined} />;
  }
  const replay = /^\/b\/([^/]+)\/replay\/?$/.exec(url.pathname);
  if (replay && isBoardId(replay[1])) {
    const at = Number(params.get('at'));
    return <ReplayPage key={replay[1]} boardId={replay[1]} at={params.has('at') && Number.isFinite(at) ? at : undefined} />;
  }
  return (
    <div className="page-message">
      <p>{board ? 'This is not a valid board link.' : 'There is no page here.'}</p>
      <a href="/" onClick={followLink}>
        Go to your boards
      </a>
    </div>
  );
}
