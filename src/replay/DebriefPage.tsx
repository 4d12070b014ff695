import { ReactFlowProvider, useNodesInitialized, useReactFlow } from '@xyflow/react';
import { Download, Printer } from 'lucide-react';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { notifyError } from '../ui/notices';
import type { BoardBinding } from '../doc/binding';
import { downloadBlob } from '../export/deliver';
import { renderPng } from '../export/image';
import { FRAMEWORK_STEPS } from '../shared/catalog/frameworkSteps';
import type { BoardFile } from '../shared/format';
import { loadTemplate } from '../templates';
import type { Debrief } from './debrief';
import { loadDebrief, type DebriefSource } from './debriefLoad';
import { debriefMarkdown, raised, sinceStart, type Audience } from './debriefMarkdown';
import { fetchHistory, fetchRoomStateAt, fetchUpdates } from './historyApi';
import { pageToken } from './pageToken';
import { readOnlyBinding } from './display';
import { ReadOnlyCanvas } from './ReadOnlyCanvas';
import { ReplayShell, formatClock } from './ReplayShell';
import './replay.css';

/**
 * The debrief report of a board's interview, built in this browser from the history the server
 * serves to this token (src/replay/debrief.ts). The interviewer's token also reads the interviewer
 * room, so the interviewer sees the rubric and private notes and may switch to the candidate's
 * copy; the server lists that room for no other token (and refuses it to them), so their page has
 * nothing private to show.
 * Export: Markdown (the board's picture embedded) and the browser's print (to PDF).
 */
interface Loaded {
  debrief: Debrief;
  binding: BoardBinding;
}

export function DebriefPage({ boardId }: { boardId: string }) {
  const token = useMemo(() => pageToken(boardId), [boardId]);
  const [loaded, setLoaded] = useState<Loaded | { error: string } | null>(null);

  useEffect(() => {
    let cancelled = false;
    let binding: BoardBinding | undefined;
    void loadDebrief(historySource(boardId, token)).then((result) => {
      if (cancelled) return;
      if (!result.ok) return setLoaded({ error: `The debrief could not be built: ${result.error}` });
      const { debrief, board } = result.value;
      binding = readOnlyBinding(board.docAt(board.to));
      setLoaded({ debrief, binding });
    });
    return () => {
      cancelled = true;
      binding?.destroy();
      binding?.doc.destroy();
      setLoaded(null);
    };
  }, [boardId, token]);

  if (!loaded) return <div className="page-message">Building the debrief…</div>;
  if ('error' in loaded) return <div className="page-message error">{loaded.error}</div>;
  return <DebriefView boardId={boardId} {...loaded} />;
}

/** The debrief's reads (./debriefLoad.ts) from this board's history API, with this page's token. */
function historySource(boardId: string, token: string | undefined): DebriefSource {
  return {
    history: () => fetchHistory(boardId, token),
    updates: (room, window) => fetchUpdates(boardId, token, room, window),
    stateAt: (room, at) => fetchRoomStateAt(boardId, token, room, at),
    // Asked with this board: before the reveal the server answers the worked answer to the interviewer only.
    reference: async (templateId) => {
      const loaded = await loadTemplate(templateId, token ? { boardId, token } : undefined);
      return loaded.ok ? loaded.board : null;
    },
  };
}

function DebriefView({ boardId, debrief, binding }: Loaded & { boardId: string }) {
  const hasPrivate = debrief.privatePart !== null;
  const [audience, setAudience] = useState<Audience>(hasPrivate ? 'interviewer' : 'candidate');
  const [image, setImage] = useState<string | null>(null);
  const [imageError, setImageError] = useState<string | null>(null);
  const snapshot = useSyncExternalStore(binding.subscribe, binding.getSnapshot);

  useEffect(() => {
    document.title = `Debrief: ${debrief.title} — ML Design Board`;
  }, [debrief.title]);

  function downloadMarkdown() {
    try {
      const text = debriefMarkdown(debrief, audience, image ?? undefined);
      downloadBlob(new Blob([text], { type: 'text/markdown' }), `debrief-${slug(debrief.title)}-${audience}.md`);
    } catch (error) {
      notifyError(`The Markdown could not be saved: ${(error as Error).message}`);
    }
  }

  const showPrivate = audience === 'interviewer' && debrief.privatePart;
  return (
    <ReplayShell boardId={boardId} title={`Debrief: ${debrief.title}`}>
      <div className="debrief-scroll">
        <article className="debrief" aria-label="Debrief report">
          <div className="debrief-tools">
            {hasPrivate && (
              <div className="replay-speeds" role="radiogroup" aria-label="Which copy">
                {(['interviewer', 'candidate'] as const).map((a) => (
                  <button key={a} type="button" role="radio" aria-checked={audience === a} className={`button${audience === a ? ' is-on' : ''}`} onClick={() => setAudience(a)}>
                    {a === 'interviewer' ? "Interviewer's copy" : "Candidate's copy"}
                  </button>
                ))}
              </div>
            )}
            <button type="button" className="button" onClick={downloadMarkdown}>
              <Download size={16} aria-hidden /> Markdown
            </button>
            <button type="button" className="button" onClick={() => window.print()}>
              <Printer size={16} aria-hidden /> Print or save as PDF
            </button>
          </div>

          <p className="muted">
            {new Date(debrief.startedAt).toLocaleString('en-GB')} · {formatClock(debrief.durationMs)} of interview ·{' '}
            {audience === 'interviewer' ? "interviewer's copy: holds private notes" : "candidate's copy"}
          </p>

          {debrief.prompt && (
            <section>
              <h2>The prompt</h2>
              <p>
                <strong>{debrief.prompt.title}</strong>
              </p>
              <p className="debrief-text">{debrief.prompt.text}</p>
            </section>
          )}

          <section>
            <h2>Time per framework step</h2>
            <table className="debrief-table" aria-label="Time per framework step">
              <thead>
                <tr>
                  <th>Step</th>
                  <th>Spent</th>
                  <th>Budget</th>
                  <th>Notes edits</th>
                  <th>Notes from–to</th>
                </tr>
              </thead>
              <tbody>
                {debrief.steps.map((step) => (
                  <tr key={step.id} className={step.spentMs > step.budgetMs ? 'is-over' : undefined}>
                    <td>{step.title}</td>
                    <td>
                      {formatClock(step.spentMs)}
                      <span className="debrief-bar" aria-hidden>
                        <span style={{ width: `${Math.min(100, (step.spentMs / Math.max(1, step.budgetMs)) * 100)}%` }} />
                      </span>
                    </td>
                    <td>{formatClock(step.budgetMs)}</td>
                    <td>{step.noteEdits}</td>
                    <td>{step.firstNoteAt === null ? '–' : `${formatClock(step.firstNoteAt)}–${formatClock(step.lastNoteAt ?? step.firstNoteAt)}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section>
            <h2>The board at the end</h2>
            {image ? (
              <img className="debrief-image" src={image} alt="The board at the end of the interview" />
            ) : imageError ? (
              <p className="export-status export-status-error">The picture could not be drawn: {imageError}</p>
            ) : debrief.finalBoard.nodes.length ? (
              <p className="muted">Drawing the board…</p>
            ) : (
              <p className="muted">The board was empty.</p>
            )}
            {!image && debrief.finalBoard.nodes.length > 0 && !imageError && (
              <div className="debrief-canvas" aria-hidden>
                <ReactFlowProvider>
                  <ReadOnlyCanvas binding={binding} nodes={snapshot.nodes} edges={snapshot.edges} controls={false}>
                    <TakePicture board={debrief.finalBoard} onPicture={setImage} onError={setImageError} />
                  </ReadOnlyCanvas>
                </ReactFlowProvider>
              </div>
            )}
          </section>

          <section>
            <h2>When each component appeared</h2>
            {debrief.appearances.length ? (
              <ol className="debrief-list" aria-label="Components in the order they appeared">
                {debrief.appearances.map((a) => (
                  <li key={a.id}>
                    <span className="debrief-time">{sinceStart(a.at)}</span> {a.title}{' '}
                    <span className="muted">
                      ({a.typeLabel}), by {a.by}
                    </span>
                  </li>
                ))}
              </ol>
            ) : (
              <p className="muted">No components were drawn.</p>
            )}
          </section>

          <section>
            <h2>Review findings at the end</h2>
            {debrief.findings.length ? (
              <ul className="debrief-list" aria-label="Findings at the end">
                {debrief.findings.map((f, i) => (
                  <li key={i}>
                    <span className={`debrief-severity debrief-severity-${f.severity}`}>{f.severity}</span> {f.message} <em className="muted">{f.question}</em>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">None: the review has nothing to point at.</p>
            )}
            <h3>Raised and fixed during the interview</h3>
            {debrief.fixed.length ? (
              <ul className="debrief-list" aria-label="Findings fixed during the interview">
                {debrief.fixed.map((f, i) => (
                  <li key={i}>
                    {f.finding.message}{' '}
                    <span className="muted">
                      {raised(f.raisedAt)}, fixed by {formatClock(f.fixedAt)}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">None.</p>
            )}
          </section>

          {debrief.coverage && (
            <section>
              <h2>Coverage against the reference</h2>
              <p>
                {debrief.coverage.covered} of {debrief.coverage.total} reference components covered, {debrief.coverage.similar} by something similar.
              </p>
              <ul className="debrief-list">
                {debrief.coverage.steps.map((step) => {
                  const missing = step.parts.filter((p) => p.coverage === 'missing');
                  return (
                    <li key={step.step}>
                      {step.title}: {step.parts.length - missing.length}/{step.parts.length}
                      {missing.length > 0 && <span className="muted"> (missing: {missing.map((p) => p.title).join(', ')})</span>}
                    </li>
                  );
                })}
              </ul>
            </section>
          )}

          <section>
            <h2>Framework notes</h2>
            <dl className="replay-notes">
              {FRAMEWORK_STEPS.map((step) => (
                <div key={step.id}>
                  <dt>{step.title}</dt>
                  <dd className={debrief.notes[step.id] ? undefined : 'muted'}>{debrief.notes[step.id] || 'Nothing written'}</dd>
                </div>
              ))}
            </dl>
          </section>

          {showPrivate && (
            <section className="debrief-private" aria-label="Private to the interviewer">
              <h2>Interviewer's rubric (private)</h2>
              <table className="debrief-table">
                <thead>
                  <tr>
                    <th>Step</th>
                    <th>Grade</th>
                    <th>Notes</th>
                  </tr>
                </thead>
                <tbody>
                  {FRAMEWORK_STEPS.map((step) => (
                    <tr key={step.id}>
                      <td>{step.title}</td>
                      <td>{debrief.privatePart!.grades[step.id] ?? '–'}</td>
                      <td className="debrief-text">{debrief.privatePart!.gradeNotes[step.id] ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {debrief.privatePart!.notes && (
                <>
                  <h3>Interviewer's notes</h3>
                  <p className="debrief-text">{debrief.privatePart!.notes}</p>
                </>
              )}
            </section>
          )}
        </article>
      </div>
    </ReplayShell>
  );
}

/** Once React Flow has measured the nodes, the whole diagram as a PNG (src/export), as a data: URL. */
function TakePicture({ board, onPicture, onError }: { board: BoardFile; onPicture(url: string): void; onError(message: string): void }) {
  const flow = useReactFlow();
  const ready = useNodesInitialized();
  useEffect(() => {
    if (!ready) return;
    let live = true;
    // One more frame: the edges are drawn after the nodes they join are measured.
    const frame = requestAnimationFrame(() => {
      renderPng(flow, board, { scale: 1, background: 'white', padding: 24 })
        .then((png) => dataUrl(png.blob))
        .then(
          (url) => live && onPicture(url),
          (error: Error) => live && onError(error.message),
        );
    });
    return () => {
      live = false;
      cancelAnimationFrame(frame);
    };
  }, [ready]); // eslint-disable-line react-hooks/exhaustive-deps
  return null;
}

function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('could not read the image'));
    reader.readAsDataURL(blob);
  });
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'board'
  );
}
