import { expect, test, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test';
import { addCheckpoint, addFromPalette, connect, nodeByTitle, openVersions } from './helpers';

/**
 * #14 end to end: an interviewer and a candidate draw on one interview board for about a minute,
 * the interviewer moving the timer and the framework steps with the page's own buttons and keeping
 * private notes; then the replay at the midpoint shows what both had then (the interviewer's private
 * notes as they were, to the interviewer only), a named version is previewed and restored with its
 * framework notes as one undo step, and the debrief shows the time per step and the review's
 * findings, with the rubric in the interviewer's copy only.
 */
const PORT = Number(process.env.E2E_PORT ?? 8181);
const EARLY_PRIVATE = 'Private: clear about the product';
const SECRET = 'Private: hesitant on the serving budget';
const NOTES_AT_CHECKPOINT = 'Users watch short videos; rank the home feed';
const NOTES_AFTER = 'Rewritten after the checkpoint';

async function person(browser: Browser, name: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    storageState: {
      cookies: [],
      origins: [{ origin: `http://127.0.0.1:${PORT}`, localStorage: [{ name: 'mldb.profile', value: JSON.stringify({ name, role: 'solo' }) }] }],
    },
  });
  return context.newPage();
}

/** The Interview side panel, on one of the interviewer's views (the candidate's panel has only the framework). */
async function interviewView(page: Page, view?: 'Framework' | 'Interviewer'): Promise<Locator> {
  await page.getByRole('tab', { name: 'Interview', exact: true }).click();
  if (view) await page.getByRole('tablist', { name: 'Interview views' }).getByRole('tab', { name: view }).click();
  return page.getByRole('tabpanel');
}

/** When a control was pressed: the server's mark lies between the press and the candidate seeing it. */
interface Pressed {
  pressed: number;
  seen: number;
}

/** The interviewer presses Next step (Interview panel) and the candidate's header clock moves to that step. */
async function nextStep(interviewer: Page, candidate: Page, shows: string): Promise<Pressed> {
  const controls = (await interviewView(interviewer, 'Framework')).getByRole('group', { name: 'Interviewer controls' });
  const pressed = Date.now();
  await controls.getByRole('button', { name: 'Next step' }).click();
  await expect(candidate.getByRole('timer', { name: 'Interview timer' })).toContainText(shows);
  return { pressed, seen: Date.now() };
}

/** "m:ss" in seconds. */
const seconds = (clock: string) => {
  const [m, s] = clock.split(':').map(Number);
  return m! * 60 + s!;
};

/** The time between two marks, as the debrief shows it (whole seconds), lies within what the test saw. */
function expectSpent(clock: string, from: Pressed, to: Pressed) {
  expect(seconds(clock)).toBeGreaterThanOrEqual(Math.floor((to.pressed - from.seen) / 1000));
  expect(seconds(clock)).toBeLessThanOrEqual(Math.ceil((to.seen - from.pressed) / 1000));
}

/** The candidate's shared notes of a framework step, its item opened when it is folded. */
async function stepNotes(page: Page, title: string): Promise<Locator> {
  const panel = await interviewView(page);
  const area = panel.getByRole('textbox', { name: `Notes: ${title}` });
  if (!(await area.isVisible())) await panel.locator('.interview-step summary', { hasText: title }).click();
  await expect(area).toBeVisible();
  return area;
}

/** Replaces the text of a shared or private text area. */
async function typeInto(area: Locator, text: string) {
  await area.fill(text);
  await expect(area).toHaveValue(text);
}

/** Waits until the board the server holds has `text` in its shared notes (what a checkpoint takes). */
async function serverHolds(request: APIRequestContext, boardId: string, token: string, text: string) {
  const notes = async () => {
    const response = await request.get(`/api/boards/${boardId}/at/${Date.now()}.json?token=${encodeURIComponent(token)}`);
    return JSON.stringify(((await response.json()) as { interview?: unknown }).interview ?? null);
  };
  await expect.poll(notes).toContain(text);
}

async function titlesOnBoard(page: Page): Promise<string[]> {
  // The board's own canvas, not a version previewed over it.
  return (await page.locator('.react-flow__node:not(.version-preview *) .component-node-title').allTextContents()).sort();
}

test('two people draw with timer and steps; the replay, a restored version and the debrief tell what happened', async ({ browser, request }) => {
  test.setTimeout(900_000);
  const created = await request.post('/api/boards', { data: { interview: { templateId: 'video-recommendation', durationMinutes: 30 } } });
  expect(created.status()).toBe(201);
  const { boardId, tokens } = (await created.json()) as { boardId: string; tokens: { interviewer: string; edit: string } };

  const interviewer = await person(browser, 'Ivan');
  const candidate = await person(browser, 'Cleo');
  await interviewer.goto(`/b/${boardId}#token=${tokens.interviewer}`);
  await candidate.goto(`/b/${boardId}#token=${tokens.edit}`);
  for (const page of [interviewer, candidate]) await expect(page.locator('.react-flow__renderer')).toBeVisible();

  // Step 1: clarify. The interviewer starts the clock from the header; the candidate draws the product and the data.
  const startPressed = Date.now();
  await interviewer.getByRole('timer', { name: 'Interview timer' }).getByRole('button', { name: 'Start the timer' }).click();
  await expect(candidate.getByRole('timer', { name: 'Interview timer' })).toContainText('1. Clarify requirements');
  const started: Pressed = { pressed: startPressed, seen: Date.now() };
  await addFromPalette(candidate, 'Client app');
  await addFromPalette(candidate, 'Data source');
  const privateNotes = (await interviewView(interviewer, 'Interviewer')).getByRole('textbox', { name: 'Private notes' });
  await typeInto(privateNotes, EARLY_PRIVATE);
  await candidate.waitForTimeout(3000);
  // Step 2: framing. The interviewer adds a model server, the candidate wires it.
  const framing = await nextStep(interviewer, candidate, '2. Frame as an ML task');
  await addFromPalette(interviewer, 'Model server');
  await expect(nodeByTitle(candidate, 'Model server')).toBeVisible();
  await connect(candidate, nodeByTitle(candidate, 'Client app'), nodeByTitle(candidate, 'Model server'));
  await expect(candidate.locator('.react-flow__edge')).toHaveCount(1);
  await expect(interviewer.locator('.react-flow__edge')).toHaveCount(1);

  // The midpoint: what both hold now (the server relays only what it stored: all of it is in the history before this
  // moment, and whatever follows reaches the server after it).
  const midpoint = Date.now();
  const atMidpoint = await titlesOnBoard(candidate);
  expect(await titlesOnBoard(interviewer)).toEqual(atMidpoint);

  // Step 3: data. More components and the candidate's notes; a named checkpoint before a redesign.
  const data = await nextStep(interviewer, candidate, '3. Data preparation');
  await addFromPalette(candidate, 'Trainer');
  // The interviewer's next card is counted from a board that already holds the candidate's.
  await expect(interviewer.locator('.react-flow__node')).toHaveCount(4);
  await addFromPalette(interviewer, 'Feature store');
  await expect(candidate.locator('.react-flow__node')).toHaveCount(5);
  await typeInto(await stepNotes(candidate, 'Clarify requirements'), NOTES_AT_CHECKPOINT);
  await serverHolds(request, boardId, tokens.edit, NOTES_AT_CHECKPOINT);
  await addCheckpoint(candidate, 'before the redesign');
  const beforeRedesign = await titlesOnBoard(candidate);

  // The redesign: the trainer goes, a monitor comes, the notes are rewritten.
  await nodeByTitle(candidate, 'Trainer').click();
  await candidate.keyboard.press('Delete');
  await addFromPalette(candidate, 'Monitor');
  await expect(candidate.locator('.react-flow__node')).toHaveCount(5);
  const redesigned = await titlesOnBoard(candidate);
  expect(redesigned).not.toEqual(beforeRedesign);
  const notes = await stepNotes(candidate, 'Clarify requirements');
  await typeInto(notes, NOTES_AFTER);
  await serverHolds(request, boardId, tokens.edit, NOTES_AFTER);

  // Preview the checkpoint (drawn read-only, the board untouched), then restore it here: one undo step, notes included.
  const versions = await openVersions(candidate);
  await versions.getByRole('listitem').filter({ hasText: 'before the redesign' }).getByRole('button', { name: 'Preview' }).click();
  const preview = versions.getByRole('region', { name: 'Preview' });
  await expect(preview.locator('.react-flow__node')).toHaveCount(beforeRedesign.length);
  expect((await preview.locator('.react-flow__node .component-node-title').allTextContents()).sort()).toEqual(beforeRedesign);
  await expect(preview).toContainText('framework notes in Clarify requirements');
  expect(await titlesOnBoard(candidate)).toEqual(redesigned);
  if (process.env.E2E_SCREENSHOTS) await candidate.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/versions-preview.png` });
  await preview.getByRole('button', { name: 'Restore here' }).click();
  await expect(versions).toHaveCount(0);
  await expect.poll(() => titlesOnBoard(candidate)).toEqual(beforeRedesign);
  await expect.poll(() => titlesOnBoard(interviewer)).toEqual(beforeRedesign);
  await expect(notes).toHaveValue(NOTES_AT_CHECKPOINT);
  await candidate.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => titlesOnBoard(candidate)).toEqual(redesigned);
  await expect.poll(() => titlesOnBoard(interviewer)).toEqual(redesigned);
  await expect(notes).toHaveValue(NOTES_AFTER);
  await candidate.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(() => titlesOnBoard(candidate)).toEqual(beforeRedesign);
  await expect(notes).toHaveValue(NOTES_AT_CHECKPOINT);
  // The server relays only what it stored: once the interviewer has the redo, the history holds it.
  await expect.poll(() => titlesOnBoard(interviewer)).toEqual(beforeRedesign);

  // The interviewer grades privately, then ends the interview from the panel.
  const privateView = await interviewView(interviewer, 'Interviewer');
  await privateView.getByRole('radiogroup', { name: 'Grade: Deployment and serving' }).getByRole('radio', { name: 'Weak' }).check();
  await typeInto(privateView.getByRole('textbox', { name: 'Private notes' }), `${EARLY_PRIVATE}\n${SECRET}`);
  await interviewer.waitForTimeout(1000);
  const controls = (await interviewView(interviewer, 'Framework')).getByRole('group', { name: 'Interviewer controls' });
  await controls.getByRole('button', { name: 'End interview and reveal' }).click();
  await expect(candidate.getByRole('tab', { name: 'Compare' })).toBeVisible();

  // The replay at the midpoint shows what both had then, coloured by who drew it, under the case's title.
  // The candidate's replay and debrief ask only for what their token may read: nothing is refused.
  const refused: string[] = [];
  candidate.on('response', (r) => r.status() === 403 && refused.push(r.url()));
  await candidate.goto(`/b/${boardId}/replay?at=${midpoint}#token=${tokens.edit}`);
  await expect(candidate.getByRole('group', { name: 'Timeline' })).toBeVisible();
  await expect(candidate.getByRole('heading', { level: 1 })).toHaveText('Replay: Video recommendation');
  await expect.poll(() => titlesOnBoard(candidate)).toEqual(atMidpoint);
  await expect(candidate.locator('.replay-canvas .react-flow__edge')).toHaveCount(1);
  await expect(candidate.getByRole('list', { name: 'Who drew what' })).toContainText('Cleo');
  await expect(candidate.getByRole('list', { name: 'Who drew what' })).toContainText('Ivan');
  await expect(candidate.locator('.react-flow__node[class*="replay-by-"]')).toHaveCount(atMidpoint.length);
  // Marks for the timer start, the two steps and the reveal.
  await expect(candidate.getByRole('button', { name: /^Timer started at/ })).toHaveCount(1);
  await expect(candidate.getByRole('button', { name: /^Step \d: / })).toHaveCount(2);
  await expect(candidate.getByRole('button', { name: /^Answer revealed at/ })).toHaveCount(1);
  // The candidate's replay brings no private notes at all.
  await expect(candidate.getByRole('region', { name: 'Your private notes at this moment' })).toHaveCount(0);
  expect(await candidate.content()).not.toContain(EARLY_PRIVATE);
  if (process.env.E2E_SCREENSHOTS) await candidate.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/replay-midpoint.png` });
  // Dragging the timeline to the end shows the final board.
  const slider = candidate.getByRole('slider', { name: 'Moment' });
  await slider.focus();
  await candidate.keyboard.press('End');
  await expect.poll(() => titlesOnBoard(candidate)).toEqual(beforeRedesign);

  // The interviewer's replay: the private notes as they were at the midpoint, the later ones at the end.
  await expect(candidate.getByRole('button', { name: "Copy the candidate's link" })).toHaveCount(0);
  await interviewer.goto(`/b/${boardId}/replay?at=${midpoint}#token=${tokens.interviewer}`);
  const privateAt = interviewer.getByRole('region', { name: 'Your private notes at this moment' });
  await expect(privateAt).toContainText(EARLY_PRIVATE);
  await expect(privateAt).not.toContainText(SECRET);
  if (process.env.E2E_SCREENSHOTS) await interviewer.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/replay-midpoint-interviewer.png` });
  await interviewer.getByRole('slider', { name: 'Moment' }).focus();
  await interviewer.keyboard.press('End');
  await expect(privateAt).toContainText(SECRET);
  await expect(privateAt).toContainText('Deployment and serving: weak');
  // It offers the link to give the candidate: the candidate's token, no other.
  await expect(interviewer.getByRole('button', { name: "Copy the candidate's link" })).toHaveAttribute(
    'data-link',
    `http://127.0.0.1:${PORT}/b/${boardId}/replay#token=${encodeURIComponent(tokens.edit)}`,
  );

  // The interviewer's debrief: time per step, findings, and the private rubric.
  await interviewer.goto(`/b/${boardId}/debrief#token=${tokens.interviewer}`);
  const report = interviewer.getByRole('article', { name: 'Debrief report' });
  const steps = report.getByRole('table', { name: 'Time per framework step' });
  await expect(steps.getByRole('row')).toHaveCount(8);
  const spent = async (step: string) => (await steps.getByRole('row').filter({ hasText: step }).getByRole('cell').nth(1).textContent())!.trim();
  expectSpent(await spent('Clarify requirements'), started, framing);
  expectSpent(await spent('Frame as an ML task'), framing, data);
  expect(await spent('Model development')).toBe('0:00');
  await expect(report.getByRole('list', { name: 'Findings at the end' })).toContainText('No monitor');
  await expect(report.getByRole('list', { name: 'Components in the order they appeared' })).toContainText('Model server');
  await expect(report.getByRole('list', { name: 'Components in the order they appeared' })).toContainText('by Ivan');
  await expect(report.getByRole('img', { name: 'The board at the end of the interview' })).toBeVisible();
  await expect(report).toContainText(SECRET);
  await expect(report).toContainText('Coverage against the reference');
  if (process.env.E2E_SCREENSHOTS) await interviewer.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/debrief-interviewer.png`, fullPage: true });
  // Its candidate's copy, and its Markdown, leave the private part out.
  await report.getByRole('radio', { name: "Candidate's copy" }).click();
  await expect(report).not.toContainText(SECRET);
  const download = interviewer.waitForEvent('download');
  await report.getByRole('button', { name: 'Markdown' }).click();
  const markdown = await (await download).createReadStream().then(async (stream) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  });
  expect(markdown).toContain('## Time per framework step');
  expect(markdown).toContain('![The board at the end](data:image/png;base64,');
  expect(markdown).not.toContain(SECRET);

  // The candidate's own debrief never receives the private room: nothing of it is in the page.
  await candidate.goto(`/b/${boardId}/debrief#token=${tokens.edit}`);
  await expect(candidate.getByRole('article', { name: 'Debrief report' })).toBeVisible();
  await expect(candidate.getByRole('radio', { name: "Interviewer's copy" })).toHaveCount(0);
  expect(await candidate.content()).not.toContain(SECRET);
  await expect(candidate.getByText("Interviewer's rubric")).toHaveCount(0);
  expect(refused).toEqual([]);
  if (process.env.E2E_SCREENSHOTS) await candidate.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/debrief-candidate.png`, fullPage: true });

  // The debrief link without a token, in a browser that keeps none for the board (passed on without its
  // fragment): the page says the link does not open the board, and asks the server for nothing of it.
  const stranger = await person(browser, 'Sam');
  const asked: string[] = [];
  stranger.on('request', (r) => new URL(r.url()).pathname.startsWith('/api/') && asked.push(r.url()));
  for (const page of ['debrief', 'replay']) {
    await stranger.goto(`/b/${boardId}/${page}`);
    await expect(stranger.getByRole('heading', { name: 'This link does not open this board' })).toBeVisible();
    await expect(stranger.getByRole('main')).toContainText('no access token');
    await expect(stranger.getByRole('link', { name: 'Your boards' })).toBeVisible();
    expect(await stranger.content()).not.toContain(SECRET);
  }
  expect(asked).toEqual([]);
  if (process.env.E2E_SCREENSHOTS) await stranger.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/debrief-no-token.png` });
  // The candidate's replay link, token in its fragment, opens in a browser that keeps none for the board, without the private notes.
  const elsewhere = await person(browser, 'Cleo');
  await elsewhere.goto(`/b/${boardId}/replay#token=${encodeURIComponent(tokens.edit)}`);
  await expect(elsewhere.getByRole('group', { name: 'Timeline' })).toBeVisible();
  await expect(elsewhere.getByRole('region', { name: 'Your private notes at this moment' })).toHaveCount(0);
});
