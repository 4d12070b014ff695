import { z } from './zod';
import { FRAMEWORK_STEP_IDS } from './catalog/framework';

const line = z.string().check(z.minLength(1), z.maxLength(2_000));

/**
 * The case-study block a template file carries beside its diagram. Everything here is shared on the
 * board except followUps, which are for the interviewer only and never enter the shared document.
 */
export const TemplateInfoSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Template ids are lower-case words joined by hyphens')),
  title: z.string().check(z.minLength(1), z.maxLength(200)),
  tags: z.array(z.string().check(z.minLength(1), z.maxLength(40))).check(z.maxLength(12)),
  difficulty: z.enum(['easy', 'medium', 'hard']),
  prompt: line,
  clarifyingQuestions: z.array(z.strictObject({ question: line, answer: line })).check(z.minLength(1)),
  framing: z.strictObject({ taskType: line, input: line, output: line, labels: line }),
  metrics: z.strictObject({
    offline: z.array(line).check(z.minLength(1)),
    online: z.array(line).check(z.minLength(1)),
    business: z.array(line).check(z.minLength(1)),
  }),
  steps: z.strictObject(Object.fromEntries(FRAMEWORK_STEP_IDS.map((id) => [id, line])) as Record<(typeof FRAMEWORK_STEP_IDS)[number], typeof line>),
  followUps: z.array(line).check(z.minLength(1)),
});

export type TemplateInfo = z.infer<typeof TemplateInfoSchema>;

/** The part of a template that everyone on the board may see. */
export type SharedTemplateInfo = Omit<TemplateInfo, 'followUps'>;
