import { useReactFlow } from '@xyflow/react';
import { useState, type ReactNode } from 'react';
import { Dialog } from '../ui/Dialog';
import { getTheme } from '../ui/theme';
import type { BoardBinding } from '../doc/binding';
import { boardToJson } from './boardJson';
import { copyPng, copyText, downloadBlob } from './deliver';
import { exportFileName } from './fileName';
import { renderPng, renderSvg, withCleanCanvas, type ImageBackground, type ImageOptions } from './image';
import { scaleNotice } from './imagePlan';
import { boardToMermaid } from './mermaid';
import './export.css';

/**
 * The Export dialog: PNG (scale, background, padding), SVG, PNG to the clipboard, JSON, and a
 * Mermaid flowchart for Markdown. Images hold the whole diagram and the board itself, so they can
 * be imported again. Every outcome, good or bad, is said in the status line.
 */
type Status = { kind: 'busy' | 'done' | 'warning' | 'error'; text: string } | null;

const SCALES = [1, 2, 3] as const;
const BACKGROUNDS: { value: ImageBackground; label: string }[] = [
  { value: 'white', label: 'White' },
  { value: 'transparent', label: 'Transparent' },
  { value: 'dark', label: 'Dark' },
];
const MAX_PADDING = 400;

export function ExportDialog({ binding, onClose }: { binding: BoardBinding; onClose(): void }) {
  const flow = useReactFlow();
  const [scale, setScale] = useState<number>(2);
  const [background, setBackground] = useState<ImageBackground>(() => (getTheme() === 'dark' ? 'dark' : 'white'));
  const [padding, setPadding] = useState(32);
  const [status, setStatus] = useState<Status>(null);
  const [mermaidFallback, setMermaidFallback] = useState<string | null>(null);
  const busy = status?.kind === 'busy';
  const empty = binding.getSnapshot().nodes.length === 0;

  const board = () => binding.toBoardFile();
  const imageOptions = (): ImageOptions => ({ scale, background, padding: clampPadding(padding) });
  const selection = {
    get: () => binding.getSelection(),
    set: (nodes: string[], edges: string[]) => binding.setSelection(nodes, edges),
  };

  async function run(working: string, task: () => Promise<Status>) {
    setStatus({ kind: 'busy', text: working });
    setMermaidFallback(null);
    try {
      setStatus(await task());
    } catch (error) {
      setStatus({ kind: 'error', text: (error as Error).message || String(error) });
    }
  }

  const downloadPng = () =>
    run('Drawing the PNG…', async () => {
      const started = performance.now();
      const current = board();
      const { blob, plan } = await withCleanCanvas(flow, selection, () => renderPng(flow, current, imageOptions()));
      const name = exportFileName(current.title, 'png');
      downloadBlob(blob, name);
      const size = `${plan.pixelWidth.toLocaleString('en-US')} × ${plan.pixelHeight.toLocaleString('en-US')} px`;
      const text = `Downloaded ${name}: ${size} at ${plan.scale}x, ${seconds(started)}.`;
      const notice = scaleNotice(plan);
      return notice ? { kind: 'warning', text: `${notice} ${text}` } : { kind: 'done', text };
    });

  const copyImage = () =>
    run('Copying the image…', async () => {
      const current = board();
      const image = withCleanCanvas(flow, selection, () => renderPng(flow, current, imageOptions()));
      try {
        await copyPng(image.then(({ blob }) => blob));
      } catch (error) {
        // The browser reports a failed drawing as a refused write: say what really failed.
        await image;
        throw error;
      }
      const notice = scaleNotice((await image).plan);
      return notice ? { kind: 'warning', text: `${notice} The image is on the clipboard.` } : { kind: 'done', text: 'The image is on the clipboard.' };
    });

  const downloadSvg = () =>
    run('Drawing the SVG…', async () => {
      const started = performance.now();
      const current = board();
      const blob = await withCleanCanvas(flow, selection, () => renderSvg(flow, current, imageOptions()));
      const name = exportFileName(current.title, 'svg');
      downloadBlob(blob, name);
      return { kind: 'done', text: `Downloaded ${name} (${kilobytes(blob.size)}), ${seconds(started)}.` };
    });

  const downloadJson = () =>
    run('Writing the JSON…', async () => {
      // The JSON file is the backup: it keeps the shared interview notes, which images leave out.
      const current = binding.toBoardFile({ interview: true });
      const name = exportFileName(current.title, 'json');
      downloadBlob(new Blob([boardToJson(current)], { type: 'application/json' }), name);
      return { kind: 'done', text: `Downloaded ${name}.` };
    });

  const copyMermaid = () =>
    run('Copying the Mermaid flowchart…', async () => {
      const text = boardToMermaid(board());
      try {
        await copyText(text);
        return { kind: 'done', text: 'The Mermaid flowchart is on the clipboard: paste it into a ```mermaid block.' };
      } catch {
        setMermaidFallback(text);
        return { kind: 'warning', text: 'The browser did not allow the clipboard: copy the flowchart from the box below.' };
      }
    });

  return (
    <Dialog title="Export" className="export-dialog" onClose={() => !busy && onClose()}>
      <fieldset className="export-options" disabled={busy}>
        <legend>Image</legend>
        <Row label="Scale">
          <div className="export-segmented" role="radiogroup" aria-label="Scale">
            {SCALES.map((value) => (
              <label key={value}>
                <input type="radio" name="export-scale" value={value} checked={scale === value} onChange={() => setScale(value)} />
                {value}x
              </label>
            ))}
          </div>
        </Row>
        <Row label="Background">
          <div className="export-segmented" role="radiogroup" aria-label="Background">
            {BACKGROUNDS.map(({ value, label }) => (
              <label key={value}>
                <input type="radio" name="export-background" value={value} checked={background === value} onChange={() => setBackground(value)} />
                {label}
              </label>
            ))}
          </div>
        </Row>
        <Row label="Padding">
          <label className="export-padding">
            <input type="number" min={0} max={MAX_PADDING} step={8} value={padding} aria-label="Padding in pixels" onChange={(e) => setPadding(Number(e.target.value))} />
            px
          </label>
        </Row>
      </fieldset>

      <div className="export-actions">
        <button type="button" className="export-primary" onClick={downloadPng} disabled={busy || empty}>
          Download PNG
        </button>
        <button type="button" onClick={copyImage} disabled={busy || empty}>
          Copy image
        </button>
        <button type="button" onClick={downloadSvg} disabled={busy || empty}>
          Download SVG
        </button>
        <button type="button" onClick={downloadJson} disabled={busy}>
          Download JSON
        </button>
        <button type="button" onClick={copyMermaid} disabled={busy || empty}>
          Copy as Mermaid
        </button>
      </div>
      <p className="export-hint">{empty ? 'The board is empty: add nodes to export an image.' : 'PNG and SVG files carry the board, so they can be imported again as an editable board.'}</p>

      {status && (
        <p className={`export-status export-status-${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}
      {mermaidFallback !== null && <textarea className="export-mermaid" readOnly value={mermaidFallback} aria-label="Mermaid flowchart" onFocus={(e) => e.currentTarget.select()} />}
    </Dialog>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="export-row">
      <span className="export-row-label">{label}</span>
      {children}
    </div>
  );
}

function clampPadding(value: number): number {
  return Number.isFinite(value) ? Math.min(MAX_PADDING, Math.max(0, Math.round(value))) : 0;
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

function kilobytes(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en-US')} KB`;
}
