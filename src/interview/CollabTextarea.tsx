import { useEffect, useRef, type TextareaHTMLAttributes } from 'react';
import type * as Y from 'yjs';
import { diffText, transformOffset, type TextDelta, type TextEdit } from './textEdit';

interface CollabTextareaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'defaultValue' | 'onChange'> {
  /** The shared text shown and edited here. */
  text: Y.Text;
  /** Writes one edit through the module that owns the document (the field never writes Yjs itself). */
  onEdit: (edit: TextEdit) => void;
}

/**
 * A textarea bound to a Y.Text that two people can type into at once. Each input becomes the one
 * minimal edit between what the text held and what the field holds now (common prefix and suffix
 * kept), so a collaborator's concurrent characters survive. Someone else's change is applied to
 * the field in place, the caret and selection moved through it, so typing is never interrupted.
 */
export function CollabTextarea({ text, onEdit, ...props }: CollabTextareaProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const onEditRef = useRef(onEdit);
  onEditRef.current = onEdit;

  useEffect(() => {
    const field = ref.current!;
    field.value = text.toString();
    const onChange = (event: Y.YTextEvent) => {
      const value = text.toString();
      // The field already shows its own typing.
      if (field.value === value) return;
      const focused = document.activeElement === field;
      const { selectionStart, selectionEnd, selectionDirection, scrollTop } = field;
      const delta = event.delta as TextDelta;
      field.value = value;
      if (focused) {
        const collapsed = selectionStart === selectionEnd;
        const start = transformOffset(selectionStart, delta, !collapsed);
        const end = collapsed ? start : transformOffset(selectionEnd, delta);
        field.setSelectionRange(start, end, selectionDirection ?? undefined);
      }
      field.scrollTop = scrollTop;
    };
    text.observe(onChange);
    return () => text.unobserve(onChange);
  }, [text]);

  return (
    <textarea
      {...props}
      ref={ref}
      onInput={(event) => {
        const edit = diffText(text.toString(), event.currentTarget.value);
        if (edit) onEditRef.current(edit);
        // A refused edit (read-only board) puts the field back to what the document holds.
        if (event.currentTarget.value !== text.toString()) event.currentTarget.value = text.toString();
      }}
    />
  );
}
