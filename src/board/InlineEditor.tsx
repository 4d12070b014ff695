import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

/**
 * An in-place text editor for titles, note text and edge labels. Enter commits (Shift+Enter adds a
 * line where `multiline`), Escape cancels, leaving the field commits. `nodrag nopan nowheel` keep
 * React Flow from dragging or zooming while the user selects text.
 */
export function InlineEditor({
  value,
  label,
  multiline = false,
  className,
  onCommit,
  onDone,
}: {
  value: string;
  label: string;
  multiline?: boolean;
  className?: string;
  onCommit: (value: string) => void;
  onDone: () => void;
}) {
  const [draft, setDraft] = useState(value);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const finished = useRef(false);

  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);

  const finish = (commit: boolean) => {
    if (finished.current) return;
    finished.current = true;
    if (commit && draft !== value) onCommit(draft);
    onDone();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Escape') finish(false);
    else if (event.key === 'Enter' && !(multiline && event.shiftKey)) {
      event.preventDefault();
      finish(true);
    }
  };

  const props = {
    ref,
    'aria-label': label,
    className: `inline-editor nodrag nopan nowheel ${className ?? ''}`,
    value: draft,
    onChange: (event: { target: { value: string } }) => setDraft(event.target.value),
    onKeyDown,
    onBlur: () => finish(true),
    onPointerDown: (event: { stopPropagation(): void }) => event.stopPropagation(),
  };
  return multiline ? <textarea {...props} /> : <input {...props} />;
}
