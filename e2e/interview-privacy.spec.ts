import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { applyControlChange, readControl, resetTimer, startTimer } from '../src/shared/interview/control';
import { BARE_BOARD_URL, personPage } from './helpers';

/**
 * Nothing revealed early, enforced by the server (#12). An interview board made for the video
 * recommendation case: the interviewer and the candidate in their own browser contexts. Every
 * WebSocket frame and HTTP response body the candidate's browser receives is recorded; until the
 * interviewer presses "End interview and reveal" none holds the worked answer, the reference
 * diagram, a follow-up question or the interviewer's rubric and notes. Only the interviewer's
 * token moves the timer: not the candidate's page, nor a plain y-websocket client with its token.
 */
test.describe.configure({ timeout: 180_000 });

const template = JSON.parse(readFileSync(join(import.meta.dirname, '../templates/video-recommendation.json'), 'utf8')) as {
  nodes: { type: string; title: string; props?: Record<string, unknown> }[];
  template: { prompt: string; followUps: string[]; clarifyingQuestions: { answer: string }[]; framing: { labels: string }; steps: Record<string, string> };
};
const components = template.nodes.filter((n) => n.type !== 'group' && n.type !== 'sticky-note').length;

const PRIVATE_NOTE = 'Private: strong on retrieval, ask about cold start again';
const RUBRIC_NOTE = 'Rubric: named the two-tower retrieval without a prompt';

/** The worked answer as the case-study panel shows it: a clarifying answer, the framing, every step note. */
const answerTexts = [template.template.clarifyingQuestions[0]!.answer, template.template.framing.labels, ...Object.values(template.template.steps)];

/** A piece of a text as it appears in a Yjs update or a JSON body (letters, digits and spaces survive any encoding). */
const telltale = (text: string) =>
  text
    .split(/[^A-Za-z0-9 ]/)
    .sort((a, b) => b.length - a.length)[0]!
    .trim();

/**
 * Texts of the reference diagram itself: its components' property values, which only this
 * template holds (their titles are often the catalog's own labels, "Offline evaluation").
 */
const diagramTexts = template.nodes.flatMap((n) => Object.values(n.props ?? {}).flat()).filter((v): v is string => typeof v === 'string' && v.length >= 24);

async function openTab(page: Page, name: string, view?: 'Framework' | 'Compare' | 'Interviewer') {
  await page.getByRole('tab', { name, exact: true }).click();
  if (view) await page.getByRole('tablist', { name: 'Interview views' }).getByRole('tab', { name: view }).click();
  return page.getByRole('tabpanel');
}

/**
 * Fetches, in the page, every file of the app it can load: the page itself and every script, style
 * sheet, source map and lazy chunk named by what was fetched before. Answers how many.
 */
async function fetchEveryAsset(page: Page): Promise<number> {
  const seen = new Set(['/']);
  const queue = ['/'];
  for (let path = queue.shift(); path; path = queue.shift()) {
    const text = await page.evaluate(async (url) => (await fetch(url)).text(), path);
    for (const [, name] of text.matchAll(/assets\/([\w.-]+\.(?:js|css|json|map))\b/g)) {
      const asset = `/assets/${name}`;
      if (seen.has(asset)) continue;
      seen.add(asset);
      queue.push(asset);
    }
  }
  return seen.size;
}

const timer = (page: Page) => page.getByRole('timer', { name: 'Interview timer' });

async function clockSeconds(page: Page): Promise<number> {
  const text = (await timer(page).getByTestId('timer-clock').textContent())!;
  const [m, s] = text.replace('+', '').split(':').map(Number);
  return (text.startsWith('+') ? -1 : 1) * (m! * 60 + s!);
}

test('the candidate receives no answer, reference, follow-up or rubric before the reveal, and cannot move the timer', async ({ browser, baseURL }) => {
  const interviewer = await personPage(browser, baseURL!, 'Ada');
  const candidate = await personPage(browser, baseURL!, 'Bo');

  // Everything the candidate's browser receives: WebSocket frames and every HTTP response body.
  const received: { what: string; body: string }[] = [];
  candidate.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      const body = typeof payload === 'string' ? payload : `${Buffer.from(payload).toString('latin1')}\n${Buffer.from(payload).toString('utf8')}`;
      received.push({ what: `frame ${ws.url().replace(/\?.*/, '')}`, body });
    }),
  );
  candidate.context().on('response', async (response) => {
    const body = await response.body().catch(() => null);
    if (body) received.push({ what: `${response.status()} ${response.url().replace(/\?.*/, '')}`, body: body.toString('utf8') });
  });

  const created = await interviewer.request.post('/api/boards', { data: { interview: { templateId: 'video-recommendation', durationMinutes: 45 } } });
  expect(created.status()).toBe(201);
  const { boardId, tokens } = (await created.json()) as { boardId: string; tokens: { interviewer: string; edit: string; read: string } };
  await interviewer.goto(`/b/${boardId}#token=${tokens.interviewer}`);
  await expect(interviewer.locator('.react-flow__renderer')).toBeVisible();
  await expect(interviewer).toHaveURL(BARE_BOARD_URL);
  await candidate.goto(`/b/${boardId}#token=${tokens.edit}`);
  await expect(candidate.locator('.react-flow__renderer')).toBeVisible();

  // The interviewer's private side: follow-ups from the server, a grade, rubric and private notes.
  const privateSide = await openTab(interviewer, 'Interview', 'Interviewer');
  for (const question of template.template.followUps) await expect(privateSide.getByText(question)).toBeVisible();
  await privateSide.getByRole('radiogroup', { name: 'Grade: Clarify requirements' }).getByRole('radio', { name: 'Strong' }).check();
  await privateSide.getByRole('textbox', { name: 'Rubric notes: Clarify requirements' }).fill(RUBRIC_NOTE);
  await privateSide.getByRole('textbox', { name: 'Private notes' }).fill(PRIVATE_NOTE);

  // The case: the prompt for everyone; the answer for the interviewer only.
  const caseC = await openTab(candidate, 'Case study');
  await expect(caseC).toContainText(template.template.prompt);
  await expect(caseC).toContainText('once the interviewer ends the interview');
  const caseI = await openTab(interviewer, 'Case study');
  for (const text of answerTexts) await expect(caseI).toContainText(text);
  await expect(caseC.getByRole('button', { name: 'Remove the case study from this board' })).toHaveCount(0);

  // The candidate has the framework and the clock, no controls, no Interviewer view, no Compare, no Review.
  const panelC = await openTab(candidate, 'Interview');
  await expect(panelC).toContainText(template.template.prompt);
  await expect(panelC.getByRole('region', { name: 'Shared timer' })).toBeVisible();
  await expect(candidate.getByRole('tab', { name: 'Interviewer' })).toHaveCount(0);
  await expect(candidate.getByRole('tab', { name: 'Compare' })).toHaveCount(0);
  await expect(timer(candidate).getByRole('button')).toHaveCount(0);
  await expect(panelC.getByRole('group', { name: 'Interviewer controls' })).toHaveCount(0);
  await expect(await openTab(candidate, 'Review')).toContainText('opens when the interviewer allows it');

  // A plain y-websocket client holding the candidate's token starts the timer in the control room:
  // its own copy changes, nobody else's.
  await expect(timer(interviewer)).toContainText('45:00');
  const raw = new Y.Doc();
  const provider = new WebsocketProvider(`${baseURL!.replace(/^http/, 'ws')}/ws`, `${boardId}.control`, raw, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token: tokens.edit },
    disableBc: true,
  });
  await expect.poll(() => provider.synced).toBe(true);
  expect(readControl(raw).interview?.templateId).toBe('video-recommendation');
  expect(applyControlChange(raw, 'raw', startTimer, Date.now() - 20 * 60_000)).toBe(true);
  await candidate.waitForTimeout(1_500);
  await expect(timer(interviewer)).toContainText('45:00');
  await expect(timer(candidate)).toContainText('45:00');

  // The interviewer starts it: the same clock on both screens; the raw client's reset changes nothing either.
  await timer(interviewer).getByRole('button', { name: 'Start the timer' }).click();
  await expect(timer(candidate)).toContainText('1. Clarify requirements');
  applyControlChange(raw, 'raw', resetTimer);
  await candidate.waitForTimeout(2_000);
  const [a, b] = await Promise.all([clockSeconds(interviewer), clockSeconds(candidate)]);
  expect(a).toBeLessThan(45 * 60);
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1);
  provider.destroy();
  raw.destroy();

  // Pause, reload the candidate: the same paused time; the interviewer moves to the next step.
  await timer(interviewer).getByRole('button', { name: 'Pause the timer' }).click();
  await expect(timer(interviewer).getByRole('button', { name: 'Resume the timer' })).toBeVisible();
  const paused = await clockSeconds(interviewer);
  await candidate.reload();
  await expect(candidate.locator('.react-flow__renderer')).toBeVisible();
  await expect.poll(() => clockSeconds(candidate)).toBe(paused);
  const panelI = await openTab(interviewer, 'Interview', 'Framework');
  await panelI.getByRole('group', { name: 'Interviewer controls' }).getByRole('button', { name: 'Next step' }).click();
  await expect(timer(candidate)).toContainText('2. Frame as an ML task');

  // The interviewer's Templates put nothing on the board while the interview runs: a new board, in a new tab, only.
  await interviewer.getByRole('button', { name: 'Templates' }).click();
  const galleryI = interviewer.getByRole('dialog', { name: 'Case-study templates' });
  await expect(galleryI.getByRole('note')).toContainText('would show its worked answer to everyone on this board');
  const caseCard = galleryI.locator('[data-template="video-recommendation"]');
  await expect(caseCard.locator('.template-preview')).toBeVisible();
  await expect(galleryI.getByRole('button', { name: /Use template|Replace board|Add beside|Prompt only/ })).toHaveCount(0);
  await expect(caseCard.getByRole('link', { name: 'Open Video recommendation on a new board in a new tab' })).toHaveAttribute('target', '_blank');
  await galleryI.getByRole('button', { name: 'Close' }).click();

  // Whatever else the candidate's browser may load: every file of the app, the gallery of case studies
  // on the board, and the debrief page of this board (in a second tab).
  const assets = await fetchEveryAsset(candidate);
  expect(assets).toBeGreaterThan(5);
  await candidate.getByRole('button', { name: 'Templates' }).click();
  const gallery = candidate.getByRole('dialog', { name: 'Case-study templates' });
  await expect(gallery.locator('[data-template="video-recommendation"]')).toContainText('after the interview');
  await gallery.getByRole('button', { name: 'Close' }).click();
  const debrief = await candidate.context().newPage();
  await debrief.goto(`/b/${boardId}/debrief`);
  await expect(debrief.getByRole('heading', { name: 'The board at the end' })).toBeVisible();
  await debrief.close();

  // Nothing the candidate received holds the answer, the diagram, a follow-up or the private texts.
  const before = received.length;
  expect(before).toBeGreaterThan(10);
  // Pieces of at least 30 characters: shorter ones ("inverse propensity weighting") are also the catalog's own words.
  const secrets = [...answerTexts, ...diagramTexts, ...template.template.followUps, RUBRIC_NOTE, PRIVATE_NOTE].map(telltale).filter((piece) => piece.length >= 30);
  expect(secrets.length).toBeGreaterThanOrEqual(15);
  for (const secret of secrets) {
    const leak = received.find((r) => r.body.includes(secret));
    expect(leak && `${leak.what} holds "${secret}"`).toBeUndefined();
  }
  // What the candidate may see does come through: the prompt.
  expect(received.some((r) => r.body.includes(telltale(template.template.prompt)))).toBe(true);
  // Nor does the candidate's token open the reference, the private room or the follow-ups.
  expect((await candidate.request.get(`/api/boards/${boardId}/reference?token=${tokens.edit}`)).status()).toBe(403);
  expect((await candidate.request.get(`/api/rooms/${boardId}.interviewer?token=${tokens.edit}`)).status()).toBe(403);
  expect((await candidate.request.get(`/api/templates/video-recommendation/follow-ups?board=${boardId}&token=${tokens.edit}`)).status()).toBe(403);
  console.log(`before the reveal: ${before} frames and responses received by the candidate (${assets} files of the app among them), ${secrets.length} secret texts searched, none found`);

  // End interview and reveal: the answer, Compare and Review open for the candidate.
  await openTab(candidate, 'Interview');
  await expect(candidate.getByRole('tab', { name: 'Compare' })).toHaveCount(0);
  await panelI.getByRole('group', { name: 'Interviewer controls' }).getByRole('button', { name: 'End interview and reveal' }).click();
  await expect(candidate.getByRole('tab', { name: 'Compare' })).toBeVisible();
  const afterCase = await openTab(candidate, 'Case study');
  for (const text of answerTexts) await expect(afterCase).toContainText(text);
  // Now a template may go on the board again.
  await interviewer.getByRole('button', { name: 'Templates' }).click();
  await expect(interviewer.getByRole('dialog', { name: 'Case-study templates' }).locator('[data-template="video-recommendation"]').getByRole('button', { name: 'Prompt only' })).toBeVisible();
  await interviewer.getByRole('dialog', { name: 'Case-study templates' }).getByRole('button', { name: 'Close' }).click();
  const compare = await openTab(candidate, 'Interview', 'Compare');
  await expect(compare).toContainText(`of the ${components} components of the reference`);
  await expect(await openTab(candidate, 'Review')).not.toContainText('opens when the interviewer allows it');
  // It arrived over the wire only now, and still without the follow-ups or the private texts.
  const after = received
    .slice(before)
    .map((r) => r.body)
    .join('\n');
  expect(after).toContain(telltale(template.template.steps.model!));
  for (const secret of [...template.template.followUps, RUBRIC_NOTE, PRIVATE_NOTE].map(telltale)) expect(after, secret).not.toContain(secret);
  console.log(`after the reveal: ${received.length - before} more, the worked answer among them`);
});
