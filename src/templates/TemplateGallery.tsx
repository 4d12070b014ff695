import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { BoardFile } from '../shared/format';
import { loadTemplate, TEMPLATES, type TemplateAsker, type TemplateLoad, type TemplateSummary } from './index';
import { TemplatePreview } from './TemplatePreview';
import './templates.css';

/**
 * The case-study gallery: a search box and one card per template (title, difficulty, tags, prompt,
 * a preview drawn from the template's own nodes). What a card offers is up to the page showing it:
 * the landing page starts a new board, an open board can also replace or extend its content. On a
 * board, the previews are asked with it (`asker`): during its interview only the interviewer gets them.
 */
export function TemplateGallery({ renderActions, asker }: { renderActions(summary: TemplateSummary, board: BoardFile | undefined): ReactNode; asker?: TemplateAsker }) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => TEMPLATES.filter((t) => matches(t, query)), [query]);
  return (
    <div className="template-gallery">
      <input
        type="search"
        className="search-input template-search"
        placeholder="Search by title, tag or prompt"
        aria-label="Search templates"
        data-autofocus
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {shown.length === 0 ? (
        <p className="muted">No template matches “{query}”.</p>
      ) : (
        <ul className="template-grid" aria-label="Templates">
          {shown.map((summary) => (
            <TemplateCard key={summary.id} summary={summary} renderActions={renderActions} asker={asker} />
          ))}
        </ul>
      )}
    </div>
  );
}

/** Every word of the query must appear in the title, a tag, the difficulty or the prompt. */
export function matches(template: TemplateSummary, query: string): boolean {
  const text = [template.title, template.difficulty, template.prompt, ...template.tags].join(' ').toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}

function TemplateCard({ summary, renderActions, asker }: { summary: TemplateSummary; renderActions(summary: TemplateSummary, board: BoardFile | undefined): ReactNode; asker?: TemplateAsker }) {
  const load = useTemplateFile(summary.id, asker);
  const headingId = `template-${summary.id}-title`;
  return (
    <li className="template-card" aria-labelledby={headingId} data-template={summary.id}>
      <div className="template-preview-box">
        {load?.ok ? (
          <TemplatePreview board={load.board} />
        ) : load?.reason === 'not_revealed' ? (
          <p className="template-preview-withheld">The diagram shows after the interview.</p>
        ) : load ? (
          <p className="field-error" role="alert">
            {load.error}
          </p>
        ) : (
          <div className="template-preview-loading" aria-label="Loading preview" />
        )}
      </div>
      <div className="template-card-body">
        <div className="template-card-heading">
          <h3 id={headingId}>{summary.title}</h3>
          <span className={`badge template-difficulty template-difficulty-${summary.difficulty}`}>{summary.difficulty}</span>
        </div>
        <p className="template-prompt">{summary.prompt}</p>
        <ul className="chip-list template-tags" aria-label="Tags">
          {summary.tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
        <div className="template-card-actions">{renderActions(summary, load?.ok ? load.board : undefined)}</div>
      </div>
    </li>
  );
}

function useTemplateFile(id: string, asker: TemplateAsker | undefined): TemplateLoad | null {
  const [state, setState] = useState<TemplateLoad | null>(null);
  const boardId = asker?.boardId;
  const token = asker?.token;
  useEffect(() => {
    let live = true;
    void loadTemplate(id, boardId ? { boardId, token } : undefined).then((result) => live && setState(result));
    return () => {
      live = false;
    };
  }, [id, boardId, token]);
  return state;
}
