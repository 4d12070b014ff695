import type { TemplateInfo } from '../shared/templateInfo';

/** What the gallery lists before any template file is loaded. */
export type TemplateSummary = Pick<TemplateInfo, 'id' | 'title' | 'tags' | 'difficulty' | 'prompt'>;

export function summaryOf(info: TemplateSummary): TemplateSummary {
  return { id: info.id, title: info.title, tags: info.tags, difficulty: info.difficulty, prompt: info.prompt };
}
