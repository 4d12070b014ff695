/** Number formatting for the Markdown tables: fixed precision, thousands separators, "n/a" for missing values. */
export function ms(value: number, digits = 1): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)} ms` : 'n/a';
}

export function num(value: number, digits = 0): string {
  return Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';
}

export function times(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : 'n/a';
}

export function kb(bytes: number, digits = 1): string {
  return Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(digits)} KB` : 'n/a';
}

export function mb(bytes: number, digits = 1): string {
  return Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(digits)} MB` : 'n/a';
}

export function pct(share: number, digits = 1): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(digits)} %` : 'n/a';
}

export function bytes(value: number): string {
  return Number.isFinite(value) ? `${value.toLocaleString('en-US')} B` : 'n/a';
}

/** A Markdown table; cells are escaped for pipes. */
export function table(header: string[], rows: string[][]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  return [`| ${header.map(cell).join(' | ')} |`, `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
}
