import type { DragEvent } from 'react';

/**
 * A file dropped on the board opens the Import dialog with that file. The canvas wrapper spreads
 * fileDropHandlers(); the dialog takes the file when it opens. Only drags that carry files are
 * taken: nodes dragged from the palette pass through to the canvas untouched.
 */
let dropped: File | null = null;

/** The file last dropped on the board and not yet taken by the Import dialog. */
export function droppedFile(): File | null {
  return dropped;
}

export function forgetDroppedFile(): void {
  dropped = null;
}

export function fileDropHandlers(openImportDialog: () => void) {
  const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');
  return {
    onDragOver(event: DragEvent) {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDrop(event: DragEvent) {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      const file = event.dataTransfer.files[0];
      if (!file) return;
      dropped = file;
      openImportDialog();
    },
  };
}
