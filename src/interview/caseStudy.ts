import { useSyncExternalStore } from 'react';
import type { BoardBinding } from '../doc/binding';
import type { BoardSession } from '../sync/session';
import { useControl } from './useControl';

/** The case a board follows, as everyone on it may see it: never the answer. */
export interface CaseStudy {
  /** The template with a worked answer (GET /api/boards/<id>/reference); absent for an own prompt. */
  templateId?: string;
  title: string;
  prompt: string;
  difficulty?: 'easy' | 'medium' | 'hard';
}

/**
 * An interview board's case is in its control room (set when the interview was created); any other
 * board's is the case study its document follows (meta.template, from the gallery's "Prompt only").
 */
export function useCaseStudy(session: Pick<BoardSession, 'boardId' | 'token'>, binding: BoardBinding): CaseStudy | null {
  const control = useControl(session);
  const meta = useSyncExternalStore(binding.subscribe, () => binding.getTemplateInfo());
  if (control.interview) {
    const { templateId, title, prompt } = control.interview;
    return { ...(templateId ? { templateId } : {}), title, prompt };
  }
  return meta ? { templateId: meta.id, title: meta.title, prompt: meta.prompt, difficulty: meta.difficulty } : null;
}
