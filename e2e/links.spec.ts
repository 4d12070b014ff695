import { expect, test } from '@playwright/test';
import { BARE_BOARD_URL, personPage, tokenOfLink } from './helpers';

/**
 * Replacing a board's links from Share: the candidate and a viewer on the old links lose the board
 * at once and are told why; the interviewer stays; the new links open the board.
 */

test.describe.configure({ timeout: 300_000 });

test('the interviewer replaces the links: old links lose the board at once and say so, the new ones open it', async ({ browser, baseURL }) => {
  const interviewer = await personPage(browser, baseURL!, 'Ivy');
  const created = await interviewer.request.post('/api/boards', { data: { interview: { prompt: { title: 'Rank a feed', text: 'Rank the home feed.' }, durationMinutes: 30 } } });
  const { boardId, tokens } = (await created.json()) as { boardId: string; tokens: { interviewer: string; edit: string; read: string } };
  await interviewer.goto(`/b/${boardId}#token=${tokens.interviewer}`);
  await expect(interviewer.locator('.react-flow__renderer')).toBeVisible();

  const candidate = await personPage(browser, baseURL!, 'Cam');
  const accessRequests: string[] = [];
  candidate.on('request', (request) => request.url().endsWith('/access') && accessRequests.push(request.url()));
  await candidate.goto(`/b/${boardId}#token=${tokens.edit}`);
  const viewer = await personPage(browser, baseURL!, 'Vic');
  await viewer.goto(`/b/${boardId}#token=${tokens.read}`);
  for (const page of [candidate, viewer]) {
    await expect(page.locator('.react-flow__renderer')).toBeVisible();
    await expect(page.getByRole('status', { name: 'Connection status' })).toContainText('Connected');
  }
  // A new link asks the server once what it grants: the board opened on that answer, and connecting does not ask again.
  await candidate.waitForTimeout(1_000);
  expect(accessRequests).toHaveLength(1);
  // It left as the page was parsed (the page's first script is inline), not once the page's scripts had been fetched and run.
  const asked = await candidate.evaluate(() => ({
    at: performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/access'))!.startTime,
    parsed: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domInteractive,
  }));
  expect(asked.at).toBeLessThan(asked.parsed);

  await interviewer.getByRole('button', { name: 'Share' }).click();
  const share = interviewer.getByRole('dialog', { name: 'Share this board' });
  const candidateLink = share.getByRole('textbox', { name: 'Candidate link' });
  const oldLink = await candidateLink.inputValue();
  expect(tokenOfLink(oldLink)).toBe(tokens.edit);
  await share.getByRole('button', { name: 'Replace links' }).click();
  await expect(share).toContainText('Anyone using the old ones is disconnected at once');
  await share.getByRole('button', { name: 'Replace links' }).click();
  await expect(share.getByRole('status')).toContainText('New links are above');
  await expect(candidateLink).not.toHaveValue(oldLink);
  const newCandidateLink = await candidateLink.inputValue();
  const newViewLink = await share.getByRole('textbox', { name: 'View-only link' }).inputValue();
  expect(tokenOfLink(newViewLink)).not.toBe(tokens.read);
  expect(tokenOfLink(await share.getByRole('textbox', { name: 'Interviewer link' }).inputValue())).toBe(tokens.interviewer);

  // Both old links lose the board at once, with the owner's reason and the ways on.
  for (const page of [candidate, viewer]) {
    const replaced = page.getByRole('main', { name: "This link was replaced by the board's owner" });
    await expect(replaced).toBeVisible();
    await expect(page.locator('.react-flow')).toHaveCount(0);
    await expect(replaced.getByRole('button', { name: 'New board' })).toBeVisible();
    await expect(replaced.getByRole('link', { name: 'Your boards' })).toBeVisible();
  }
  // A reload keeps it that way (the old token is what this browser kept); the interviewer is still on the board.
  await candidate.reload();
  await expect(candidate.getByRole('main', { name: "This link was replaced by the board's owner" })).toBeVisible();
  await expect(candidate).toHaveURL(BARE_BOARD_URL);
  await expect(interviewer.getByRole('status', { name: 'Connection status' })).toContainText('Connected');

  // The new candidate link opens the board as the candidate.
  await candidate.goto(newCandidateLink);
  await expect(candidate.locator('.react-flow__renderer')).toBeVisible();
  await expect(candidate.getByRole('status', { name: 'Connection status' })).toContainText('Connected');
  await expect(candidate.getByRole('button', { name: 'Replace links' })).toHaveCount(0);

  for (const page of [interviewer, candidate, viewer]) await page.context().close();
});
