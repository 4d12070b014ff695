import type * as Y from 'yjs';
import { DEFAULT_BOARD_TITLE } from '../shared/formatBasics';
import type { SharedTemplateInfo, TemplateInfo } from '../shared/templateInfo';

/** The board's title as shown: an empty one reads as the default. */
export function readBoardTitle(meta: Y.Map<unknown>): string {
  return (meta.get('title') as string | undefined) || DEFAULT_BOARD_TITLE;
}

/**
 * The case study a board follows, kept in the document's meta map under `template` (the gallery's
 * "prompt only" and the case-study panel read it). Only its shared part enters the document: the
 * follow-up questions are for the interviewer alone.
 */
export function readTemplateInfo(meta: Y.Map<unknown>): SharedTemplateInfo | undefined {
  return meta.get('template') as SharedTemplateInfo | undefined;
}

/** Sets or clears the case study; call inside a transaction. */
export function writeTemplateInfo(meta: Y.Map<unknown>, info: TemplateInfo | SharedTemplateInfo | null): void {
  if (info) meta.set('template', sharedPart(info as TemplateInfo));
  else meta.delete('template');
}

function sharedPart(info: TemplateInfo): SharedTemplateInfo {
  const { followUps: _private, ...shared } = info;
  return shared;
}
