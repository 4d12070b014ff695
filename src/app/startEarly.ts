import { askAccessEarly, remembersToken } from '../sync/accessRequest';
import { boardToken } from '../sync/boardTokens';
import { boardIdOfPath, claimTokenFromAddress } from '../ui/address';

/**
 * The page's first script, which imports neither React nor zod: the build inlines it into index.html
 * (scripts/firstScript.ts), so it runs as the page is parsed, before any script is fetched. The token
 * moves from the address into this browser's storage, and a board whose token is new here asks the
 * server at once what the token grants: the board page waits for that answer before it shows the
 * board (BoardPage.tsx), and asked from the app's own chunk the request would start only once that
 * chunk had been fetched, compiled and partly evaluated. The board's AccessStore takes the request
 * over (../sync/accessRequest.ts keeps it on the window: the inlined modules are copies of the app's).
 */
claimTokenFromAddress();
const boardId = boardIdOfPath(window.location.pathname);
const token = boardId ? boardToken(boardId) : undefined;
if (boardId && token && !remembersToken(boardId, token)) askAccessEarly(boardId, token);
