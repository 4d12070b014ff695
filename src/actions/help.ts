import { menuIcon } from './menuIcon';
import type { Action } from './types';

export const showShortcuts: Action = {
  id: 'show-shortcuts',
  label: 'Keyboard shortcuts',
  shortcuts: ['?'],
  icon: menuIcon('Keyboard'),
  toolbar: 'help',
  perform: ({ ui }) => ui.openDialog('shortcuts'),
};

export const commandPalette: Action = {
  id: 'command-palette',
  label: 'Command palette',
  shortcuts: ['Mod+K'],
  icon: menuIcon('Command'),
  toolbar: 'help',
  perform: ({ ui }) => ui.openDialog('commands'),
};
