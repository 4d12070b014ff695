import { BoardFileSchema, describeErrors, type BoardFile } from './format';
import { MAX_FILE_BYTES } from './formatBasics';
import { migrate } from './migrations';

/**
 * The one way into the board from outside: files, templates, the clipboard and embedded scenes all
 * pass here, so every import is migrated and validated the same way and fails with one message.
 */
export type ParseResult = { ok: true; board: BoardFile; migratedFrom: number } | { ok: false; error: string };

export function parseBoardValue(value: unknown): ParseResult {
  const migrated = migrate(value);
  if (!migrated.ok) return migrated;
  const parsed = BoardFileSchema.safeParse(migrated.file);
  if (!parsed.success) return { ok: false, error: `The board file is invalid: ${describeErrors(parsed.error)}.` };
  return { ok: true, board: parsed.data, migratedFrom: migrated.from };
}

export function parseBoardText(text: string): ParseResult {
  if (text.length > MAX_FILE_BYTES) return { ok: false, error: tooLargeMessage(text.length) };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `The file is not valid JSON (${(error as Error).message}).` };
  }
  return parseBoardValue(value);
}

export function tooLargeMessage(bytes: number): string {
  return `The file is ${(bytes / 1024 / 1024).toFixed(1)} MiB; files over ${MAX_FILE_BYTES / 1024 / 1024} MiB are refused.`;
}
