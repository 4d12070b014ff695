import { lazyIcon, type IconComponent } from '../ui/lazyIcon';

/** The icon of an action shown only in menus, out of the board page's first download (../ui/lazyIcon.tsx). */
export function menuIcon(name: keyof typeof import('./menuIcons')): IconComponent {
  return lazyIcon(() => import('./menuIcons').then((icons) => icons[name]));
}
