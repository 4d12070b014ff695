import { knownAccess } from '../sync/access';
import { askAccessEarly } from '../sync/accessStore';
import { boardToken } from '../sync/boardTokens';
import { boardIdOfPath, claimTokenFromAddress } from '../ui/router';

/**
 * What the page starts before React and the rest of the app are evaluated: main.tsx imports this
 * module first, and modules run in import order. The token moves from the address into this
 * browser's storage, and a board whose token is new here asks the server at once what the token
 * grants: the board page waits for that answer before it shows the board (BoardPage.tsx), and
 * asked from there it would start only once every module had run and React had rendered.
 */
claimTokenFromAddress();
const boardId = boardIdOfPath(window.location.pathname);
const token = boardId ? boardToken(boardId) : undefined;
if (boardId && token && !knownAccess(boardId, token)) askAccessEarly(boardId, token);
