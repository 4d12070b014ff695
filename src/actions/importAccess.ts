/**
 * Why a view-only link cannot import (importing changes the board): the Import action's tooltip,
 * and the Import dialog's message when a file is dropped on such a board. Its own module, so the
 * action list does not pull in the dialog's code.
 */
export const READ_ONLY_IMPORT = 'your link lets you view this board, not change it.';
