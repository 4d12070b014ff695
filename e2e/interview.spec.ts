import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { addFromPalette, BARE_BOARD_URL, boardOf, createBoard, medianTitlePx, personPage } from './helpers';

/**
 * Interview mode: evidence lighting, review and compare with reference, the header at 1280 px.
 * Two people on an interview board, what reaches the candidate and who moves the timer:
 * interview-privacy.spec.ts.
 */
test.describe.configure({ timeout: 300_000 });

const template = JSON.parse(readFileSync(join(import.meta.dirname, '../templates/video-recommendation.json'), 'utf8')) as {
  nodes: { type: string }[];
  edges: unknown[];
  template: { prompt: string; followUps: string[]; clarifyingQuestions: { answer: string }[]; framing: { labels: string }; steps: Record<string, string> };
};
/** Architecture components of the reference (frames and sticky notes are not compared). */
const components = template.nodes.filter((n) => n.type !== 'group' && n.type !== 'sticky-note').length;
/** A folder for screenshots of the flows, when set. */
const SCREENSHOTS = process.env.INTERVIEW_SCREENSHOTS;

type Access = { role: string; links: { tokenRole: string; token: string }[] };

/** What the server says a token is on a board (GET /access), with the links it may hand out. */
async function accessOf(page: Page, boardId: string, token: string): Promise<Access> {
  return (await (await page.request.get(`/api/boards/${boardId}/access`, { headers: { Authorization: `Bearer ${token}` } })).json()) as Access;
}

function editToken(access: Access): string {
  return access.links.find((link) => link.tokenRole === 'edit')!.token;
}

/** The header clock in seconds (mm:ss, or +mm:ss over time). */
async function clockSeconds(page: Page): Promise<number> {
  const text = (await page.getByRole('timer', { name: 'Interview timer' }).getByTestId('timer-clock').textContent())!;
  const [m, s] = text.replace('+', '').split(':').map(Number);
  return (text.startsWith('+') ? -1 : 1) * (m! * 60 + s!);
}

async function openInterview(page: Page, view?: 'Framework' | 'Compare' | 'Interviewer') {
  await page.getByRole('tab', { name: 'Interview', exact: true }).click();
  if (view) await page.getByRole('tablist', { name: 'Interview views' }).getByRole('tab', { name: view }).click();
  return page.getByRole('tabpanel');
}

test('a step lights up as the diagram gains its evidence; review findings select their nodes; compare with a prompt-only reference', async ({ page }) => {
  await createBoard(page);
  const panel = await openInterview(page);
  await expect(panel).toContainText('0 of 7 steps on the diagram');
  const monitoring = panel.locator('[data-step="monitoring"]');
  await expect(monitoring).not.toHaveClass(/is-lit/);
  await addFromPalette(page, 'Monitor');
  await expect(panel).toContainText('1 of 7 steps on the diagram');
  await expect(monitoring).toHaveClass(/is-lit/);
  await monitoring.locator('summary').click();
  await expect(monitoring.locator('.interview-evidence .is-present')).toHaveText(['Monitor']);

  // Review: a lone model server has no monitoring, no evaluation...; choosing a finding selects its node.
  await addFromPalette(page, 'Model server');
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Review', exact: true }).click();
  const finding = page.getByRole('region', { name: 'Design review' }).locator('.review-finding:not(:disabled)').first();
  await expect(finding).toBeVisible();
  await finding.click();
  await expect(page.locator('.react-flow__node.selected')).not.toHaveCount(0);

  // The video recommendation prompt without its diagram, then Compare with its reference.
  await page.getByRole('button', { name: 'Templates' }).click();
  const gallery = page.getByRole('dialog', { name: 'Case-study templates' });
  await gallery.locator('[data-template="video-recommendation"]').getByRole('button', { name: 'Prompt only' }).click();
  const compare = await openInterview(page, 'Compare');
  await expect(compare).toContainText(`Your board has 1 of the ${components} components of the reference, and something similar for 1 more.`);
  await expect(compare.locator('.compare-missing')).not.toHaveCount(0);
  await compare.getByRole('button', { name: 'Show the reference diagram' }).click();
  const reference = page.getByRole('region', { name: /Reference diagram/ });
  await expect(reference.locator('.react-flow__node')).toHaveCount(template.nodes.length);
  await expect(reference.locator('.react-flow__edge')).toHaveCount(template.edges.length);
  await expect.poll(() => medianTitlePx(reference)).toBeGreaterThanOrEqual(11);
  await reference.getByRole('button', { name: 'Close the reference diagram' }).click();
  await expect(reference).toHaveCount(0);
  // The reference was drawn apart from the board: the board still has its own two nodes only.
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
});

test('at 1280 px the header keeps room for the title beside the running timer and the people; view and help actions are in its menu', async ({ browser, baseURL }) => {
  const interviewer = await personPage(browser, baseURL!, 'Ada Lovelace', { width: 1280, height: 800 });
  await interviewer.goto('/new?template=video-recommendation');
  await expect(interviewer).toHaveURL(BARE_BOARD_URL);
  const { boardId, token } = await boardOf(interviewer);
  const candidate = await personPage(browser, baseURL!, 'Bo');
  await candidate.goto(`/b/${boardId}#token=${editToken(await accessOf(interviewer, boardId, token))}`);
  await expect(interviewer.getByRole('group', { name: 'People on this board' }).locator('.avatar')).toHaveCount(2);
  await interviewer.getByRole('timer', { name: 'Interview timer' }).getByRole('button', { name: 'Start the timer' }).click();
  await expect(interviewer.getByRole('timer', { name: 'Interview timer' })).toContainText('1. Clarify requirements');

  // Everything in the header is inside the window, and the title still reads (not a few letters).
  const header = interviewer.locator('.app-header');
  for (const part of [interviewer.getByLabel('Board title'), interviewer.getByRole('timer', { name: 'Interview timer' }), interviewer.locator('.avatar').last()]) {
    const box = (await part.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
  }
  expect(await header.evaluate((h) => h.scrollWidth - h.clientWidth)).toBe(0);
  expect((await interviewer.getByLabel('Board title').boundingBox())!.width).toBeGreaterThanOrEqual(240);

  // The actions moved out of the toolbar are all in the menu, with their state, and run from it.
  await interviewer.getByRole('button', { name: 'More actions' }).click();
  const menu = interviewer.getByRole('menu', { name: 'More actions' });
  await expect(menu.getByRole('menuitem')).toHaveText([
    /Fit board to screen/,
    /Replay the session/,
    /Version history/,
    /Debrief report/,
    /Start a mock interview/,
    /Keyboard shortcuts/,
    /Command palette/,
  ]);
  await expect(menu.getByRole('menuitemcheckbox', { name: /Toggle snap to grid/ })).toHaveAttribute('aria-checked', 'false');
  await menu.getByRole('menuitemcheckbox', { name: /Toggle dark theme/ }).click();
  await expect(menu).toHaveCount(0);
  await expect(interviewer.locator('html')).toHaveAttribute('data-theme', 'dark');
  await interviewer.getByRole('button', { name: 'More actions' }).click();
  await expect(menu.getByRole('menuitemcheckbox', { name: /Toggle dark theme/ })).toHaveAttribute('aria-checked', 'true');
  // Keyboard: the first item has the focus, arrows move, Enter runs, Escape closes back to the button.
  await interviewer.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: /Command palette/ })).toBeFocused();
  await interviewer.keyboard.press('ArrowUp');
  await interviewer.keyboard.press('Enter');
  await expect(interviewer.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await interviewer.keyboard.press('Escape');
  await interviewer.getByRole('button', { name: 'More actions' }).click();
  await interviewer.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(interviewer.getByRole('button', { name: 'More actions' })).toBeFocused();
});

test('a mock interview from the landing page with three browsers: the timer runs within 3 clicks of choosing the case, the candidate link makes a candidate without asking a role, a late viewer sees the same clock, End interview and reveal opens the answer', async ({
  browser,
  baseURL,
}) => {
  // Fresh browsers: no name kept, nothing chosen before.
  const interviewerContext = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 }, storageState: { cookies: [], origins: [] } });
  await interviewerContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  const interviewer = await interviewerContext.newPage();
  await interviewer.goto('/');
  await interviewer.getByRole('button', { name: 'Start a mock interview' }).click();
  const dialog = interviewer.getByRole('dialog', { name: 'Start a mock interview' });
  await expect(dialog.getByRole('radio', { name: '45 min' })).toBeChecked();
  // The name, typed here, is not asked again when the candidate arrives (typing is not a click).
  await dialog.getByLabel('Your name').fill('Ivy (interviewer)');

  // From here on, every click counts.
  let clicks = 0;
  const click = async (target: Locator) => {
    await target.click();
    clicks++;
  };
  await click(dialog.getByRole('button', { name: 'Start the interview on Video recommendation' }));
  await expect(interviewer).toHaveURL(BARE_BOARD_URL);
  await expect(interviewer.getByLabel('Board title')).toHaveValue('Video recommendation');
  // The creator is alone: no name asked. The board is prompt-only: no diagram of the answer.
  await expect(interviewer.getByRole('dialog')).toHaveCount(0);
  await expect(interviewer.locator('.react-flow__node')).toHaveCount(0);
  const checklist = interviewer.getByRole('region', { name: 'Interview checklist' });
  await expect(checklist).toContainText('Send this link to your candidate');
  await click(checklist.getByRole('button', { name: 'Copy the candidate link' }));
  const candidateLink = await interviewer.evaluate(() => navigator.clipboard.readText());
  expect(candidateLink).toMatch(/\/b\/[A-Za-z0-9_-]{22}#token=/);
  expect(interviewer.url()).not.toContain('token');

  // The candidate opens the link: the server makes them the candidate; only their name is asked.
  const candidateContext = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 }, storageState: { cookies: [], origins: [] } });
  const candidate = await candidateContext.newPage();
  let candidateClicks = 0;
  await candidate.goto(candidateLink);
  const join = candidate.getByRole('dialog', { name: 'Join the board' });
  await expect(join).toBeVisible();
  await expect(join.getByRole('radio')).toHaveCount(0);
  await join.getByLabel('Your name').fill('Bo');
  await join.getByRole('button', { name: 'Join' }).click();
  candidateClicks++;
  await expect(candidate).toHaveURL(BARE_BOARD_URL);
  await expect(candidate.getByLabel('Board title')).toHaveValue('Video recommendation');
  await expect(candidate.getByRole('region', { name: 'Interview checklist' })).toHaveCount(0);
  await expect(interviewer.getByRole('button', { name: 'Bo, Candidate' })).toBeVisible();
  await expect(checklist).toContainText('Bo joined');
  await expect(interviewer.getByRole('dialog')).toHaveCount(0);
  await expect(interviewer.getByRole('button', { name: 'You: Ivy (interviewer)' })).toHaveText('I');
  await expect(candidate.getByRole('button', { name: 'Ivy (interviewer), Interviewer' })).toBeVisible();

  await click(checklist.getByRole('button', { name: 'Start the timer' }));
  await expect(interviewer.getByRole('timer', { name: 'Interview timer' })).toContainText('1. Clarify requirements');
  await expect(candidate.getByRole('timer', { name: 'Interview timer' })).toContainText('1. Clarify requirements');
  await expect(checklist).toHaveCount(0);
  expect(clicks).toBeLessThanOrEqual(3);
  console.log(`clicks to "timer running": interviewer 1 + ${clicks} after choosing the case (from the landing page: ${clicks + 1}); candidate ${candidateClicks} (Join, after typing a name)`);

  // The candidate sees the clock and the prompt, not the controls: no start, pause or reset anywhere on the page.
  const candidateTimer = candidate.getByRole('timer', { name: 'Interview timer' });
  await expect(candidateTimer.getByRole('button')).toHaveCount(0);
  const candidatePanel = await openInterview(candidate);
  await expect(candidatePanel).toContainText(template.template.prompt);
  await expect(candidatePanel.getByRole('button', { name: /Start|Pause|Resume|Reset|End interview/ })).toHaveCount(0);
  await expect(candidatePanel.getByRole('group', { name: 'Interviewer controls' })).toHaveCount(0);
  await expect(candidate.getByRole('tab', { name: 'Compare' })).toHaveCount(0);
  await expect(candidate.getByRole('tab', { name: 'Interviewer' })).toHaveCount(0);

  // A late viewer, from the view-only link of the Share dialog: the same running clock, no name radio, no controls.
  await interviewer.getByRole('button', { name: 'Share' }).click();
  const share = interviewer.getByRole('dialog', { name: 'Share this board' });
  await expect(share.getByRole('textbox', { name: 'Candidate link' })).toHaveValue(candidateLink);
  await share.getByRole('button', { name: 'Copy interviewer link' }).click();
  await expect(share.getByRole('status')).toContainText('opens the private interviewer notes');
  const viewerLink = await share.getByRole('textbox', { name: 'View-only link' }).inputValue();
  await share.getByRole('button', { name: 'Close' }).click();
  const viewerContext = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, storageState: { cookies: [], origins: [] } });
  const viewer = await viewerContext.newPage();
  await viewer.goto(viewerLink);
  const viewerJoin = viewer.getByRole('dialog', { name: 'Join the board' });
  await expect(viewerJoin.getByRole('radio')).toHaveCount(0);
  await viewerJoin.getByLabel('Your name').fill('Cy');
  await viewerJoin.getByRole('button', { name: 'Join' }).click();
  await expect(viewer).toHaveURL(BARE_BOARD_URL);
  await expect(viewer.getByText('View only', { exact: true })).toBeVisible();
  await expect(interviewer.getByRole('button', { name: 'Cy, Viewer' })).toBeVisible();
  await expect(viewer.getByRole('timer', { name: 'Interview timer' })).toContainText('1. Clarify requirements');
  await expect(viewer.getByRole('timer', { name: 'Interview timer' }).getByRole('button')).toHaveCount(0);
  const [i, v] = await Promise.all([clockSeconds(interviewer), clockSeconds(viewer)]);
  expect(Math.abs(i - v)).toBeLessThanOrEqual(1);
  if (SCREENSHOTS) {
    await interviewer.screenshot({ path: `${SCREENSHOTS}/interview-running-interviewer.png` });
    await candidate.screenshot({ path: `${SCREENSHOTS}/interview-running-candidate.png` });
    await viewer.screenshot({ path: `${SCREENSHOTS}/interview-running-viewer-390.png` });
  }

  // End interview and reveal: the candidate (and the viewer) get the answer and Compare.
  const controls = (await openInterview(interviewer)).getByRole('group', { name: 'Interviewer controls' });
  await controls.getByRole('button', { name: 'End interview and reveal' }).click();
  await expect(candidate.getByRole('tab', { name: 'Compare' })).toBeVisible();
  // The header says the interview is over (no paused clock, no step) and offers the debrief to both.
  for (const page of [interviewer, candidate]) {
    const ended = page.getByRole('timer', { name: 'Interview timer' });
    await expect(ended).toContainText('Interview ended');
    await expect(ended).not.toContainText('1. ');
    await expect(ended.getByRole('link', { name: 'Debrief' })).toHaveAttribute('href', `${new URL(interviewer.url()).pathname}/debrief`);
  }
  // The timer card's large clock says so too, instead of the time that was left.
  const card = interviewer.getByRole('region', { name: 'Shared timer' });
  await expect(card.getByTestId('timer-card-clock')).toHaveText('Ended');
  await expect(card).toContainText('The interview ended after');
  if (SCREENSHOTS) await interviewer.screenshot({ path: `${SCREENSHOTS}/interview-revealed-interviewer.png` });
  const compare = await openInterview(candidate, 'Compare');
  await expect(compare).toContainText(`of the ${components} components of the reference`);
  await candidate.getByRole('tab', { name: 'Case study' }).click();
  await expect(candidate.getByRole('tabpanel')).toContainText(template.template.clarifyingQuestions[0]!.answer);
  if (SCREENSHOTS) await candidate.screenshot({ path: `${SCREENSHOTS}/interview-revealed-candidate.png` });
  await interviewerContext.close();
  await candidateContext.close();
  await viewerContext.close();
});
