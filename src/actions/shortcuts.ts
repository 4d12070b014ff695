/**
 * Key combinations written as 'Mod+Shift+Z': modifiers (Mod, Ctrl, Alt, Shift) then one key, as
 * KeyboardEvent.key names it ('z', 'Delete', 'ArrowUp', '?'). Mod is ⌘ on a Mac and Ctrl elsewhere.
 */
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

interface Combo {
  mod: boolean;
  alt: boolean;
  shift: boolean;
  key: string;
}

function parse(shortcut: string): Combo {
  const parts = shortcut.split('+');
  // "Mod++" would split into an empty last part: the key is "+".
  const key = parts.at(-1) === '' ? '+' : parts.at(-1)!;
  const mods = new Set(parts.slice(0, parts.at(-1) === '' ? -2 : -1).map((m) => m.toLowerCase()));
  return { mod: mods.has('mod') || mods.has('ctrl'), alt: mods.has('alt'), shift: mods.has('shift'), key };
}

/** The physical key for letters and digits, so shortcuts work on any keyboard layout and with Shift held. */
function codeOf(key: string): string | undefined {
  if (/^[a-z]$/i.test(key)) return `Key${key.toUpperCase()}`;
  if (/^[0-9]$/.test(key)) return `Digit${key}`;
  return undefined;
}

export function matches(shortcut: string, event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  const combo = parse(shortcut);
  const mod = event.ctrlKey || event.metaKey;
  if (combo.mod !== mod || combo.alt !== event.altKey) return false;
  const code = codeOf(combo.key);
  // A punctuation key such as "?" already implies whatever Shift it needs on the user's layout.
  if (code || combo.key.length > 1) {
    if (combo.shift !== event.shiftKey) return false;
    return code ? event.code === code || event.key.toLowerCase() === combo.key.toLowerCase() : event.key === combo.key;
  }
  return event.key === combo.key;
}

const KEY_NAMES: Record<string, string> = {
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
  Delete: 'Del',
  Backspace: '⌫',
  Escape: 'Esc',
};

/** How a shortcut reads in menus: "Ctrl+Shift+Z", or "⌘⇧Z" on a Mac. */
export function formatShortcut(shortcut: string): string {
  const combo = parse(shortcut);
  const key = KEY_NAMES[combo.key] ?? (combo.key.length === 1 ? combo.key.toUpperCase() : combo.key);
  if (isMac) return `${combo.mod ? '⌘' : ''}${combo.alt ? '⌥' : ''}${combo.shift ? '⇧' : ''}${key}`;
  return [combo.mod && 'Ctrl', combo.alt && 'Alt', combo.shift && 'Shift', key].filter(Boolean).join('+');
}

/** True when keys typed go into a field, where board shortcuts must stay quiet. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'range', 'color'].includes(target.type);
  return false;
}

/** Enter and Space on a focused button, link or tab belong to that control, not to the board. */
export function isControlActivation(event: Pick<KeyboardEvent, 'key' | 'target'>): boolean {
  if (event.key !== 'Enter' && event.key !== ' ') return false;
  const target = event.target;
  return target instanceof HTMLElement && target.closest('button, a[href], [role="tab"], [role="option"], summary') !== null;
}
