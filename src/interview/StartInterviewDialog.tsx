import { PencilLine } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import type { InterviewRequest } from '../collab/createBoard';
import { MAX_NAME } from '../sync/presence';
import { readProfile, saveProfile } from '../collab/profile';
import { Dialog } from '../ui/Dialog';
import { DURATION_CHOICES_MIN } from '../shared/interview/timer';
import { TemplateGallery } from '../templates/TemplateGallery';
import { startMockInterview } from './startInterview';
import './interview.css';

const DEFAULT_MINUTES = 45;

/**
 * "Start a mock interview": the length, then the case (a case study of the gallery, or the
 * interviewer's own prompt). One button on the chosen case creates the board with its creator as
 * the interviewer and opens it.
 */
export function StartInterviewDialog({ onClose }: { onClose(): void }) {
  const [minutes, setMinutes] = useState(DEFAULT_MINUTES);
  const [starting, setStarting] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ownOpen, setOwnOpen] = useState(false);
  const [name, setName] = useState(() => readProfile()?.name ?? '');
  const nameId = useId();

  const start = async (key: string, request: InterviewRequest, title: string) => {
    setStarting(key);
    setError(null);
    // Given here, the name is not asked again when the candidate arrives, in the middle of the checklist.
    const profile = readProfile();
    if (name.trim() && name.trim() !== profile?.name) saveProfile({ ...profile, name: name.trim() });
    const failed = await startMockInterview(request, title);
    if (failed) {
      setError(`The interview could not be started: ${failed.error}`);
      setStarting(null);
    }
  };

  return (
    <Dialog title="Start a mock interview" className="template-dialog start-interview-dialog" onClose={onClose}>
      <p className="start-interview-intro">
        You are the interviewer. Pick the case: the board opens with its prompt and a link for your candidate, who sees the worked answer only when you reveal it.
      </p>
      <label className="field start-interview-name" htmlFor={nameId}>
        <span className="field-label">Your name</span>
        <input id={nameId} type="text" maxLength={MAX_NAME} autoComplete="nickname" value={name} onChange={(e) => setName(e.target.value)} placeholder="Shown to your candidate" />
      </label>
      <div className="start-interview-options">
        <fieldset className="segmented" aria-label="Interview length">
          <legend className="field-label">Length</legend>
          {DURATION_CHOICES_MIN.map((m) => (
            <label key={m} className="segmented-option">
              <input type="radio" name="interview-length" value={m} checked={minutes === m} onChange={() => setMinutes(m)} />
              {m} min
            </label>
          ))}
        </fieldset>
        <button type="button" className="button" aria-expanded={ownOpen} onClick={() => setOwnOpen((open) => !open)}>
          <PencilLine size={16} aria-hidden /> My own prompt
        </button>
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {ownOpen && <OwnPrompt disabled={starting !== null} onStart={(prompt) => void start('own', { prompt, durationMinutes: minutes }, prompt.title)} />}
      <TemplateGallery
        renderActions={(summary) => (
          <button
            type="button"
            className="button button-primary"
            disabled={starting !== null}
            aria-label={`Start the interview on ${summary.title}`}
            onClick={() => void start(summary.id, { templateId: summary.id, durationMinutes: minutes }, summary.title)}
          >
            {starting === summary.id ? 'Starting…' : 'Start interview'}
          </button>
        )}
      />
    </Dialog>
  );
}

function OwnPrompt({ disabled, onStart }: { disabled: boolean; onStart(prompt: { title: string; text: string }): void }) {
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const id = useId();
  const ready = title.trim() && text.trim();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) onStart({ title: title.trim(), text: text.trim() });
  };
  return (
    <form className="own-prompt" aria-label="Your own prompt" onSubmit={submit}>
      <label className="field" htmlFor={`${id}-title`}>
        <span className="field-label">Title</span>
        <input id={`${id}-title`} type="text" maxLength={200} required value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Design a spam filter for comments" />
      </label>
      <label className="field" htmlFor={`${id}-text`}>
        <span className="field-label">Prompt</span>
        <textarea
          id={`${id}-text`}
          rows={4}
          maxLength={4000}
          required
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="What the candidate reads first: the product, the goal, the scale."
        />
      </label>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={disabled || !ready}>
          Start interview
        </button>
      </div>
    </form>
  );
}
