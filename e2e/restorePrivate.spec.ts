import { expect, test, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { addCheckpoint, addFromPalette, openVersions } from './helpers';

/**
 * #14: the interviewer restores a named version. The board and the interviewer's private notes (a
 * document of their own, room `<boardId>.interviewer`) come back as they were, and one Undo takes
 * both back to what was there, one Redo brings both again.
 */
const BEFORE = 'Private: clear about the product';
const AFTER = 'Private: rewritten after the checkpoint';

async function privateNotes(page: Page) {
  await page.getByRole('tab', { name: 'Interview', exact: true }).click();
  await page.getByRole('tablist', { name: 'Interview views' }).getByRole('tab', { name: 'Interviewer' }).click();
  return page.getByRole('tabpanel').getByRole('textbox', { name: 'Private notes' });
}

const titles = async (page: Page) => (await page.locator('.react-flow__node:not(.version-preview *) .component-node-title').allTextContents()).sort();

test("a restore brings back the interviewer's private notes with the board, in one undo step", async ({ page, request }) => {
  test.setTimeout(180_000);
  const created = await request.post('/api/boards', { data: { interview: { templateId: 'video-recommendation', durationMinutes: 30 } } });
  const { boardId, tokens } = (await created.json()) as { boardId: string; tokens: { interviewer: string } };
  await page.goto(`/b/${boardId}#token=${tokens.interviewer}`);
  await expect(page.locator('.react-flow__renderer')).toBeVisible();

  const notes = await privateNotes(page);
  await notes.fill(BEFORE);
  await addFromPalette(page, 'Client app');
  const atCheckpoint = await titles(page);
  await page.waitForTimeout(1500);
  await addCheckpoint(page, 'before the redesign');

  await notes.fill(AFTER);
  await addFromPalette(page, 'Monitor');
  const redesigned = await titles(page);
  expect(redesigned).not.toEqual(atCheckpoint);
  await page.waitForTimeout(1500);

  const versions = await openVersions(page);
  await versions.getByRole('listitem').filter({ hasText: 'before the redesign' }).getByRole('button', { name: 'Preview' }).click();
  const preview = versions.getByRole('region', { name: 'Preview' });
  await expect(preview).toContainText('A restore brings back your private notes of that moment too.');
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/restore-private-preview.png` });
  await preview.getByRole('button', { name: 'Restore here' }).click();
  await expect(versions).toHaveCount(0);
  await expect(page.getByText('Restored the board, its notes and your private notes')).toBeVisible();
  await expect.poll(() => titles(page)).toEqual(atCheckpoint);
  await expect(notes).toHaveValue(BEFORE);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => titles(page)).toEqual(redesigned);
  await expect(notes).toHaveValue(AFTER);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(() => titles(page)).toEqual(atCheckpoint);
  await expect(notes).toHaveValue(BEFORE);

  // The server stored the redone private notes: its copy of the private room says them.
  await expect
    .poll(async () => {
      const response = await request.get(`/api/boards/${boardId}/history/state?room=interviewer&at=${Date.now()}`, { headers: { Authorization: `Bearer ${tokens.interviewer}` } });
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Buffer.from(((await response.json()) as { state: string }).state, 'base64'));
      return String(doc.getMap('interviewer').get('notes'));
    })
    .toBe(BEFORE);
});
