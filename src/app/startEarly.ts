import { askAccessEarly, remembersToken } from '../sync/accessRequest';
import { boardToken } from '../sync/boardTokens';
import { boardIdOfPath, claimTokenFromAddress } from '../ui/address';

/**
 * The page's first script (index.html names it before src/main.tsx), a few hundred bytes that import
 * neither React nor zod: it runs while the rest of the app is still being fetched. The token moves
 * from the address into this browser's storage, and a board whose token is new here asks the server
 * at once what the token grants: the board page waits for that answer before it shows the board
 * (BoardPage.tsx), and asked from the app's own chunk the request would start only once that chunk
 * had been fetched, compiled and partly evaluated. The modules it imports are the same instances the
 * app imports (a chunk of their own), so the board's AccessStore takes the request over.
 */
claimTokenFromAddress();
const boardId = boardIdOfPath(window.location.pathname);
const token = boardId ? boardToken(boardId) : undefined;
if (boardId && token && !remembersToken(boardId, token)) askAccessEarly(boardId, token);
