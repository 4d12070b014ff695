import { Command, Keyboard } from 'lucide-react';
import type { Action } from './types';

export const showShortcuts: Action = {
  id: 'show-shortcuts',
  label: 'Keyboard shortcuts',
  shortcuts: ['?'],
  icon: Keyboard,
  toolbar: 'help',
  perform: ({ ui }) => ui.openDialog('shortcuts'),
};

export const commandPalette: Action = {
  id: 'command-palette',
  label: 'Command palette',
  shortcuts: ['Mod+K'],
  icon: Command,
  toolbar: 'help',
  perform: ({ ui }) => ui.openDialog('commands'),
};
