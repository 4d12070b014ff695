/**
 * The icons of the actions shown only in menus, closed when the board appears (the command palette,
 * the node menu, and More actions, which holds the header's MENU_GROUPS): fetched apart, see
 * menuIcon() in ./menuIcon.ts.
 */
export {
  BoxSelect,
  Clapperboard,
  ClipboardPaste,
  Command,
  Copy,
  CopyPlus,
  CornerDownRight,
  FileText,
  Focus,
  Grid3x3,
  History,
  Keyboard,
  Moon,
  PencilLine,
  Scissors,
  SquareDashed,
  Trash2,
  UsersRound,
  ZoomIn,
  ZoomOut,
} from 'lucide-react';
