import { expect, test, type Browser, type Page } from '@playwright/test';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { editPrivateText, interviewerTypes, setGrade } from '../src/interview/interviewerDoc';
import { roomName } from '../src/shared/boardId';
import { applyControlChange, nextStep, reveal, startTimer, type ControlChange } from '../src/shared/interview/control';
import { addFromPalette, connect, nodeByTitle } from './helpers';

/**
 * #14 end to end: an interviewer and a candidate draw on one interview board for about a minute,
 * with the timer and framework steps moving; then the replay at the midpoint shows what both had
 * then, a named version is restored as one undo step, and the debrief shows the time per step and
 * the review's findings, with the rubric in the interviewer's copy only.
 *
 * The control room and the interviewer's private room are written by a real Yjs client in this
 * process, over the server's WebSocket with the interviewer token, as the interviewer's browser
 * would (the control buttons are another part of #12).
 */
const PORT = Number(process.env.E2E_PORT ?? 8181);
const SECRET = 'Private: hesitant on the serving budget';

async function person(browser: Browser, name: string): Promise<Page> {
  const context = await browser.newContext({
    storageState: {
      cookies: [],
      origins: [{ origin: `http://127.0.0.1:${PORT}`, localStorage: [{ name: 'mldb.profile', value: JSON.stringify({ name, role: 'solo' }) }] }],
    },
  });
  return context.newPage();
}

/** A room opened over the real WebSocket, as a browser does. */
async function openRoom(boardId: string, kind: 'control' | 'interviewer', token: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${PORT}/ws`, roomName(boardId, kind), doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
  await new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())));
  return {
    doc,
    /** Applies a change and waits until the server has it (an empty round trip after it). */
    async control(change: ControlChange) {
      applyControlChange(doc, null, change);
      await settle();
    },
    close: () => provider.destroy(),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

async function titlesOnBoard(page: Page): Promise<string[]> {
  return (await page.locator('.react-flow__node .component-node-title').allTextContents()).sort();
}

test('two people draw with timer and steps; the replay, a restored version and the debrief tell what happened', async ({ browser, request }) => {
  test.setTimeout(240_000);
  const created = await request.post('/api/boards', { data: { interview: { templateId: 'video-recommendation', durationMinutes: 30 } } });
  expect(created.status()).toBe(201);
  const { boardId, tokens } = (await created.json()) as { boardId: string; tokens: { interviewer: string; edit: string } };

  const interviewer = await person(browser, 'Ivan');
  const candidate = await person(browser, 'Cleo');
  await interviewer.goto(`/b/${boardId}?token=${tokens.interviewer}`);
  await candidate.goto(`/b/${boardId}?token=${tokens.edit}`);
  for (const page of [interviewer, candidate]) await expect(page.locator('.react-flow__renderer')).toBeVisible();
  const control = await openRoom(boardId, 'control', tokens.interviewer);
  const privateRoom = await openRoom(boardId, 'interviewer', tokens.interviewer);

  // Step 1: clarify. The candidate draws the product and the data.
  await control.control(startTimer);
  await addFromPalette(candidate, 'Client app');
  await addFromPalette(candidate, 'Data source');
  await candidate.waitForTimeout(4000);
  // Step 2: framing. The interviewer adds a model server, the candidate wires it.
  await control.control(nextStep);
  await addFromPalette(interviewer, 'Model server');
  await expect(nodeByTitle(candidate, 'Model server')).toBeVisible();
  await connect(candidate, nodeByTitle(candidate, 'Client app'), nodeByTitle(candidate, 'Model server'));
  await expect(candidate.locator('.react-flow__edge')).toHaveCount(1);
  await expect(interviewer.locator('.react-flow__edge')).toHaveCount(1);
  await candidate.waitForTimeout(1500);

  // The midpoint: what both hold now.
  const midpoint = Date.now();
  const atMidpoint = await titlesOnBoard(candidate);
  expect(await titlesOnBoard(interviewer)).toEqual(atMidpoint);
  await candidate.waitForTimeout(1500);

  // Step 3: data. More components; a named checkpoint before a redesign.
  await control.control(nextStep);
  await addFromPalette(candidate, 'Trainer');
  await addFromPalette(interviewer, 'Feature store');
  await expect(candidate.locator('.react-flow__node')).toHaveCount(5);
  await candidate.waitForTimeout(1500);
  await candidate.getByRole('button', { name: 'More actions' }).click();
  await candidate.getByRole('menuitem', { name: /Version history/ }).click();
  const versions = candidate.getByRole('dialog', { name: 'Version history' });
  await versions.getByLabel('Checkpoint name').fill('before the redesign');
  await versions.getByRole('button', { name: 'Add checkpoint' }).click();
  await expect(versions.getByRole('listitem').filter({ hasText: 'before the redesign' })).toBeVisible();
  await candidate.keyboard.press('Escape');
  const beforeRedesign = await titlesOnBoard(candidate);

  // The redesign: the trainer goes, a monitor comes.
  await nodeByTitle(candidate, 'Trainer').click();
  await candidate.keyboard.press('Delete');
  await addFromPalette(candidate, 'Monitor');
  await expect(candidate.locator('.react-flow__node')).toHaveCount(5);
  const redesigned = await titlesOnBoard(candidate);
  expect(redesigned).not.toEqual(beforeRedesign);
  await candidate.waitForTimeout(1500);

  // Restore the checkpoint into the board: one undo step.
  await candidate.getByRole('button', { name: 'More actions' }).click();
  await candidate.getByRole('menuitem', { name: /Version history/ }).click();
  await versions.getByRole('listitem').filter({ hasText: 'before the redesign' }).getByRole('button', { name: 'Restore here' }).click();
  await expect(versions).toHaveCount(0);
  await expect.poll(() => titlesOnBoard(candidate)).toEqual(beforeRedesign);
  await expect.poll(() => titlesOnBoard(interviewer)).toEqual(beforeRedesign);
  await candidate.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => titlesOnBoard(candidate)).toEqual(redesigned);
  await expect.poll(() => titlesOnBoard(interviewer)).toEqual(redesigned);
  await candidate.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(() => titlesOnBoard(candidate)).toEqual(beforeRedesign);
  // The server relays only what it stored: once the interviewer has the redo, the history holds it.
  await expect.poll(() => titlesOnBoard(interviewer)).toEqual(beforeRedesign);

  // The interviewer grades privately, then ends the interview.
  const types = interviewerTypes(privateRoom.doc);
  setGrade(types, 'serving', 'weak');
  editPrivateText(types, types.notes, { index: 0, remove: 0, insert: SECRET });
  await control.control(reveal);
  await settle();

  // The replay at the midpoint shows what both had then, coloured by who drew it.
  await candidate.goto(`/b/${boardId}/replay?at=${midpoint}#token=${tokens.edit}`);
  await expect(candidate.getByRole('group', { name: 'Timeline' })).toBeVisible();
  await expect.poll(() => titlesOnBoard(candidate)).toEqual(atMidpoint);
  await expect(candidate.locator('.replay-canvas .react-flow__edge')).toHaveCount(1);
  await expect(candidate.getByRole('list', { name: 'Who drew what' })).toContainText('Cleo');
  await expect(candidate.getByRole('list', { name: 'Who drew what' })).toContainText('Ivan');
  await expect(candidate.locator('.react-flow__node[class*="replay-by-"]')).toHaveCount(atMidpoint.length);
  // Marks for the timer start, three steps and the reveal.
  await expect(candidate.getByRole('button', { name: /^Timer started at/ })).toHaveCount(1);
  await expect(candidate.getByRole('button', { name: /^Step \d: / })).toHaveCount(2);
  await expect(candidate.getByRole('button', { name: /^Answer revealed at/ })).toHaveCount(1);
  if (process.env.E2E_SCREENSHOTS) await candidate.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/replay-midpoint.png` });
  // Dragging the timeline to the end shows the final board.
  const slider = candidate.getByRole('slider', { name: 'Moment' });
  await slider.focus();
  await candidate.keyboard.press('End');
  await expect.poll(() => titlesOnBoard(candidate)).toEqual(beforeRedesign);

  // The interviewer's replay offers the link to give the candidate: the candidate's token, no other.
  await expect(candidate.getByRole('button', { name: "Copy the candidate's link" })).toHaveCount(0);
  await interviewer.goto(`/b/${boardId}/replay#token=${tokens.interviewer}`);
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
  expect(await spent('Clarify requirements')).toMatch(/^0:(0[1-9]|[1-5]\d)/);
  expect(await spent('Frame as an ML task')).toMatch(/^0:(0[1-9]|[1-5]\d)/);
  expect(await spent('Model development')).toMatch(/^0:00/);
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
  if (process.env.E2E_SCREENSHOTS) await candidate.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/debrief-candidate.png`, fullPage: true });

  control.close();
  privateRoom.close();
});
