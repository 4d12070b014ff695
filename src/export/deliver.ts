/** Hands an export to the user: as a download, or on the clipboard. */

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by the time the click returns; a moment later it can go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Puts a PNG on the clipboard. The ClipboardItem gets the promise of the image, not the image,
 * so the write starts inside the click (Safari refuses clipboard writes after an await).
 */
export async function copyPng(png: Promise<Blob>): Promise<void> {
  if (!navigator.clipboard?.write || typeof ClipboardItem === 'undefined') {
    throw new Error('This browser cannot put images on the clipboard. Use Download PNG instead.');
  }
  try {
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
  } catch (error) {
    // An export failure (too large, blank) is reported as it is; a refusal by the browser says so.
    if (error instanceof DOMException && error.name === 'NotAllowedError') {
      throw new Error('The browser did not allow writing to the clipboard. Use Download PNG instead.', { cause: error });
    }
    throw error;
  }
}

export async function copyText(text: string): Promise<void> {
  if (!navigator.clipboard?.writeText) throw new Error('This browser does not allow writing to the clipboard here.');
  await navigator.clipboard.writeText(text);
}
