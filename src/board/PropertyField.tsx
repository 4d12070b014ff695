import { useId, useState } from 'react';
import type { FieldMeta } from '../shared/catalog/fields';
import { formatFieldValue } from '../shared/catalog/fields';
import type { Result } from '../doc/binding';

/**
 * One inspector field, generated from a catalog field's metadata. What the user types is kept as
 * a draft while the field has focus; every change is validated by the binding with the catalog
 * schema and written only when valid, otherwise the schema's message shows under the field.
 */
export function PropertyField({ meta, value, onWrite }: { meta: FieldMeta; value: unknown; onWrite: (value: unknown) => Result }) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const describedBy = [error ? errorId : '', meta.help ? helpId : ''].filter(Boolean).join(' ') || undefined;

  const write = (next: unknown) => {
    const result = onWrite(next);
    setError(result.ok ? null : result.error);
  };
  const onText = (text: string) => {
    setDraft(text);
    write(fromText(meta, text));
  };
  const shown = draft ?? toText(meta, value);
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    onBlur: () => {
      if (!error) setDraft(null);
    },
  };

  let control;
  switch (meta.kind) {
    case 'boolean':
      control = <input {...common} type="checkbox" checked={value === true} onChange={(e) => write(e.target.checked)} />;
      break;
    case 'enum':
      control = (
        <select {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => write(e.target.value)}>
          {meta.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'longtext':
      control = <textarea {...common} rows={4} value={shown} placeholder={meta.placeholder} onChange={(e) => onText(e.target.value)} />;
      break;
    default:
      control = (
        <input
          {...common}
          type="text"
          inputMode={meta.kind === 'number' ? 'decimal' : undefined}
          value={shown}
          placeholder={meta.placeholder ?? (meta.kind === 'list' ? 'Comma-separated' : undefined)}
          onChange={(e) => onText(e.target.value)}
        />
      );
  }

  return (
    <div className={`field field-${meta.kind}${error ? ' has-error' : ''}`}>
      <label htmlFor={id} className="field-label">
        {meta.label}
        {meta.unit && <span className="field-unit"> ({meta.unit})</span>}
      </label>
      {control}
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
      {meta.help && (
        <p id={helpId} className="field-help">
          {meta.help}
        </p>
      )}
    </div>
  );
}

/** The text a field shows for a stored value. */
function toText(meta: FieldMeta, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (meta.kind === 'list') return Array.isArray(value) ? value.join(', ') : '';
  if (meta.kind === 'number') return String(value);
  return formatFieldValue({ ...meta, kind: 'text' }, value);
}

/** The value typed text stands for; text that is not a number stays text, so the schema names the problem. */
function fromText(meta: FieldMeta, text: string): unknown {
  if (meta.kind === 'number') {
    const compact = text.trim().replace(/[,_\s]/g, '');
    if (compact === '') return undefined;
    const number = Number(compact);
    return Number.isFinite(number) ? number : text;
  }
  if (meta.kind === 'list') {
    return text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  }
  return text;
}
