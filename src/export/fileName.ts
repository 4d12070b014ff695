export type ExportExtension = 'png' | 'svg' | 'json';

const MAX_STEM = 80;

/**
 * A download name from the board title: "Fraud detection (v2)" -> "fraud-detection-v2.png".
 * Letters outside ASCII keep their base letter (é -> e); anything else becomes one hyphen, so the
 * name is safe on every file system and in a URL.
 */
export function exportFileName(title: string, extension: ExportExtension): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_STEM)
    .replace(/^-+|-+$/g, '');
  return `${stem || 'board'}.${extension}`;
}
