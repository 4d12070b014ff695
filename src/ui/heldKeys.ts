/**
 * Keys typed into a dialog whose code is still on its way (a lazyPart): held back from the page, whose
 * shortcuts would act on them, and typed into the dialog once it shows. Whoever opens the command
 * palette types at once, and on a busy machine its code can arrive seconds after Ctrl+K.
 * Escape closes the dialog at once; a key with Ctrl, Alt or Meta is the page's, as it would be anyway.
 */
export interface HeldKeys {
  /**
   * Types the held keys into the focused field, one task apart so the dialog renders each; keys typed
   * meanwhile are held and typed after them, in order. Holds no more once all are typed.
   */
  typeIn(): Promise<void>;
  /** Drops the held keys and holds no more. */
  stop(): void;
}

export function holdKeys(onEscape: () => void): HeldKeys {
  const held: string[] = [];
  let holding = true;
  const hold = (event: KeyboardEvent) => {
    // The keys typed in again (untrusted events) go to the dialog.
    if (!event.isTrusted || event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (event.key === 'Escape') onEscape();
    else held.push(event.key);
  };
  window.addEventListener('keydown', hold, true);
  const stop = () => {
    holding = false;
    held.length = 0;
    window.removeEventListener('keydown', hold, true);
  };
  return {
    stop,
    async typeIn() {
      while (holding && held.length) {
        typeKey(document.activeElement, held.shift()!);
        await new Promise((resolve) => window.setTimeout(resolve));
      }
      stop();
    },
  };
}

/** A character or Backspace edits a text field as typing would (React sees the input event); any other key is a keydown for the dialog's handlers. */
function typeKey(target: Element | null, key: string): void {
  if ((target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) && (key.length === 1 || key === 'Backspace')) {
    const start = target.selectionStart ?? target.value.length;
    const end = target.selectionEnd ?? start;
    if (key === 'Backspace') target.setRangeText('', start === end ? Math.max(0, start - 1) : start, end, 'end');
    else target.setRangeText(key, start, end, 'end');
    target.dispatchEvent(new Event('input', { bubbles: true }));
  } else target?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
}
