import { copy, cut } from './clipboard';
import { deleteSelection } from './deleteSelection';
import { duplicate } from './duplicate';
import { rename } from './rename';
import type { Action } from './types';

/** The node menu (long-press on a card on a touch screen, right-click with a mouse): what acts on the selected cards, in groups. */
export const NODE_MENU: readonly (readonly Action[])[] = [[rename], [duplicate, copy, cut], [deleteSelection]];
