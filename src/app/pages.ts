import { lazyPart } from '../ui/lazyPart';

/**
 * The pages other than the board, and the board's link errors: only the board's page is in the
 * first download (docs/BENCHMARKS.md, load); these load as they are opened.
 */
export const LandingPage = lazyPart(() => import('./LandingPage').then((m) => m.LandingPage), 'panel');
export const NewBoardPage = lazyPart(() => import('./NewBoardPage').then((m) => m.NewBoardPage), 'panel');
export const BoardLinkError = lazyPart(() => import('./BoardLinkError').then((m) => m.BoardLinkError), 'panel');
export const ReplayPage = lazyPart(() => import('../replay/ReplayPage').then((m) => m.ReplayPage), 'panel');
export const DebriefPage = lazyPart(() => import('../replay/DebriefPage').then((m) => m.DebriefPage), 'panel');
