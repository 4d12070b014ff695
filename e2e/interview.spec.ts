import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { addFromPalette, BARE_BOARD_URL, boardOf, createBoard } from './helpers';

/**
 * Interview mode with two people, each in their own browser context: the interviewer (creator of
 * the board, interviewer token) and the candidate (edit link). The shared timer and notes, the
 * interviewer's private follow-ups and rubric, evidence lighting, review and compare with reference.
 */
test.describe.configure({ timeout: 180_000 });

const template = JSON.parse(readFileSync(join(import.meta.dirname, '../templates/video-recommendation.json'), 'utf8')) as {
  nodes: { type: string }[];
  edges: unknown[];
  template: { prompt: string; followUps: string[]; clarifyingQuestions: { answer: string }[]; framing: { labels: string }; steps: Record<string, string> };
};
/** Architecture components of the reference (frames and sticky notes are not compared). */
const components = template.nodes.filter((n) => n.type !== 'group' && n.type !== 'sticky-note').length;
const PRIVATE_NOTE = 'Private: strong on retrieval, ask about cold start again';

/** A browser whose person already gave their name; their role comes from the link they open. */
async function personPage(browser: Browser, baseURL: string, name: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    storageState: { cookies: [], origins: [{ origin: baseURL, localStorage: [{ name: 'mldb.profile', value: JSON.stringify({ name }) }] }] },
  });
  return context.newPage();
}

/** The case study's worked answer, as its panel would show it: a clarifying answer, the framing, step notes. */
const answerTexts = [template.template.clarifyingQuestions[0]!.answer, template.template.framing.labels, ...Object.values(template.template.steps)];

async function openCaseStudy(page: Page) {
  await page.getByRole('tab', { name: 'Case study' }).click();
  return page.getByRole('tabpanel');
}

async function openInterview(page: Page, view?: 'Framework' | 'Compare' | 'Interviewer') {
  await page.getByRole('tab', { name: 'Interview', exact: true }).click();
  if (view) await page.getByRole('tablist', { name: 'Interview views' }).getByRole('tab', { name: view }).click();
  return page.getByRole('tabpanel');
}

/** The header clock in seconds (mm:ss, or +mm:ss over time). */
async function clockSeconds(page: Page): Promise<number> {
  const text = (await page.getByRole('timer', { name: 'Interview timer' }).getByTestId('timer-clock').textContent())!;
  const [m, s] = text.replace('+', '').split(':').map(Number);
  return (text.startsWith('+') ? -1 : 1) * (m! * 60 + s!);
}

/** A question's text as it would appear in a Yjs update or a JSON body (letters, digits and spaces survive any encoding). */
const telltale = (question: string) => question.split(/[^A-Za-z0-9 ]/).sort((a, b) => b.length - a.length)[0]!.trim();

test('interviewer and candidate share one timer and one set of notes; the private follow-ups and rubric never reach the candidate', async ({ browser, baseURL }) => {
  const interviewer = await personPage(browser, baseURL!, 'Ada');
  const candidate = await personPage(browser, baseURL!, 'Bo');

  // Everything the candidate's browser receives: WebSocket frames and HTTP bodies (scripts, JSON).
  const received: string[] = [];
  candidate.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      received.push(typeof payload === 'string' ? payload : `${Buffer.from(payload).toString('latin1')}\n${Buffer.from(payload).toString('utf8')}`);
    }),
  );
  candidate.on('response', async (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (/javascript|json|html/.test(type)) received.push(await response.text().catch(() => ''));
  });

  await interviewer.goto('/new?template=video-recommendation');
  await expect(interviewer).toHaveURL(BARE_BOARD_URL);
  await expect(interviewer.locator('.react-flow__node')).toHaveCount(template.nodes.length);
  const { boardId, token } = await boardOf(interviewer);
  const links = (await (await interviewer.request.get(`/api/boards/${boardId}/links?token=${token}`)).json()) as { role: string; tokens: { edit: string } };
  expect(links.role).toBe('interviewer');
  await candidate.goto(`/b/${boardId}#token=${links.tokens.edit}`);
  await expect(candidate.locator('.react-flow__node')).toHaveCount(template.nodes.length);

  // The interviewer's private side: the template's follow-ups (fetched from the server into the
  // private document) and the rubric.
  const privateSide = await openInterview(interviewer, 'Interviewer');
  for (const question of template.template.followUps) await expect(privateSide.getByText(question)).toBeVisible();
  await privateSide.getByRole('radiogroup', { name: 'Grade: Clarify requirements' }).getByRole('radio', { name: 'Strong' }).check();
  await privateSide.getByRole('textbox', { name: 'Private notes' }).fill(PRIVATE_NOTE);
  await privateSide.getByRole('checkbox', { name: template.template.followUps[0] }).check();

  // The candidate has the framework, and no interviewer view nor reference while the interview is on.
  const candidatePanel = await openInterview(candidate);
  await expect(candidatePanel).toContainText(template.template.prompt);
  await expect(candidate.getByRole('tab', { name: 'Interviewer' })).toHaveCount(0);
  await expect(candidatePanel.getByRole('region', { name: 'Shared timer' })).toBeVisible();

  // The timer: started by the interviewer, the same mm:ss on both screens (within a second).
  await interviewer.getByRole('timer', { name: 'Interview timer' }).getByRole('button', { name: 'Start the timer' }).click();
  await expect(candidate.getByRole('timer', { name: 'Interview timer' })).toContainText('1. Clarify requirements');
  await candidate.waitForTimeout(2_500);
  const [a, b] = await Promise.all([clockSeconds(interviewer), clockSeconds(candidate)]);
  expect(a).toBeLessThan(45 * 60);
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1);
  // The candidate pauses: both clocks stop on the same second.
  await candidate.getByRole('timer', { name: 'Interview timer' }).getByRole('button', { name: 'Pause the timer' }).click();
  await expect(interviewer.getByRole('timer', { name: 'Interview timer' }).getByRole('button', { name: 'Resume the timer' })).toBeVisible();
  expect(await clockSeconds(interviewer)).toBe(await clockSeconds(candidate));
  // Reconnecting (a reload) computes the same time from the document's timestamps.
  const paused = await clockSeconds(interviewer);
  await candidate.reload();
  await expect(candidate.locator('.react-flow__node')).toHaveCount(template.nodes.length);
  await expect.poll(() => clockSeconds(candidate)).toBe(paused);
  await interviewer.getByRole('timer', { name: 'Interview timer' }).getByRole('button', { name: 'Resume the timer' }).click();
  await expect(candidate.getByRole('timer', { name: 'Interview timer' }).getByRole('button', { name: 'Pause the timer' })).toBeVisible();

  // While the interview runs, the case study shows the candidate its prompt and none of the worked
  // answer, not even folded away in the page (textContent); the interviewer has all of it.
  const caseStudyC = await openCaseStudy(candidate);
  await expect(caseStudyC).toContainText(template.template.prompt);
  await expect(caseStudyC).toContainText("once the interview's time is up");
  // Nor can the candidate take the case study off the board mid-interview; the interviewer can.
  await expect(caseStudyC.getByRole('button', { name: 'Remove the case study from this board' })).toHaveCount(0);
  const caseStudyI = await openCaseStudy(interviewer);
  await expect(caseStudyI.getByRole('button', { name: 'Remove the case study from this board' })).toBeVisible();
  for (const text of answerTexts) {
    await expect(caseStudyI).toContainText(text);
    expect(await candidate.locator('body').textContent(), text).not.toContain(text);
  }

  // Notes typed by both at once: the interviewer appends, the candidate writes at the start.
  await openInterview(candidate);
  const notesI = interviewer.getByRole('textbox', { name: 'Notes: Clarify requirements' });
  const notesC = candidate.getByRole('textbox', { name: 'Notes: Clarify requirements' });
  await openInterview(interviewer, 'Framework');
  await notesI.pressSequentially('Scale: ');
  await expect(notesC).toHaveValue('Scale: ');
  await notesC.click();
  await candidate.keyboard.press('Control+Home');
  const byInterviewer = 'peak 50k QPS, 200 ms p99.';
  const byCandidate = '500M daily users, 10B videos. ';
  await Promise.all([notesI.pressSequentially(byInterviewer, { delay: 20 }), notesC.pressSequentially(byCandidate, { delay: 20 })]);
  for (const notes of [notesI, notesC]) {
    await expect(notes).toHaveValue(new RegExp(byInterviewer.replace(/\./g, '\\.')));
    await expect(notes).toHaveValue(new RegExp(byCandidate.replace(/\./g, '\\.')));
  }
  await expect(notesC).toHaveValue(await notesI.inputValue());
  // A tick is shared too.
  await candidate.getByRole('listitem').filter({ has: notesC }).getByRole('checkbox', { name: 'Covered' }).check();
  await expect(interviewer.getByRole('listitem').filter({ has: notesI }).getByRole('checkbox', { name: 'Covered' })).toBeChecked();

  // None of the interviewer's private text is on the candidate's page or in anything it received.
  const page = await candidate.locator('body').innerText();
  for (const question of template.template.followUps) expect(page).not.toContain(question);
  expect(page).not.toContain(PRIVATE_NOTE);
  expect(received.length).toBeGreaterThan(10);
  const all = received.join('\n');
  // What the candidate may see does come through, decoded: the shared case study's prompt.
  expect(all).toContain(telltale(template.template.prompt));
  for (const question of template.template.followUps) expect(all, question).not.toContain(telltale(question));
  expect(all).not.toContain(telltale(PRIVATE_NOTE));
  // Nor can the candidate's token open the private room or the follow-ups route.
  expect((await candidate.request.get(`/api/rooms/${boardId}.interviewer?token=${links.tokens.edit}`)).status()).toBe(403);
  expect((await candidate.request.get(`/api/templates/video-recommendation/follow-ups?board=${boardId}&token=${links.tokens.edit}`)).status()).toBe(403);

  // The private side is kept: a reload of the interviewer's page shows the grade and the note.
  await interviewer.reload();
  const reopened = await openInterview(interviewer, 'Interviewer');
  await expect(reopened.getByRole('textbox', { name: 'Private notes' })).toHaveValue(PRIVATE_NOTE);
  await expect(reopened.getByRole('radiogroup', { name: 'Grade: Clarify requirements' }).getByRole('radio', { name: 'Strong' })).toBeChecked();

  // When time is up (the candidate's clock moved on 46 minutes), the candidate may compare.
  await expect(candidate.getByRole('tab', { name: 'Compare' })).toHaveCount(0);
  await candidate.clock.install();
  await candidate.clock.fastForward('46:00');
  await expect(candidate.getByRole('timer', { name: 'Interview timer' })).toContainText('Time is up');
  await expect(candidate.getByRole('tab', { name: 'Compare' })).toBeVisible({ timeout: 15_000 });
  // ... and the case study opens its notes to the candidate as well.
  const afterTime = await openCaseStudy(candidate);
  for (const text of answerTexts) await expect(afterTime).toContainText(text);
  await openInterview(candidate);
  // The reference it loads is the bundled template file, which has no follow-up questions.
  const before = received.length;
  await candidate.getByRole('tab', { name: 'Compare' }).click();
  await expect(candidate.getByRole('tabpanel')).toContainText(`of the ${components} components of the reference`);
  await expect.poll(() => received.slice(before).some((body) => body.includes(telltale(template.template.prompt)))).toBe(true);
  const reference = received.slice(before).join('\n');
  for (const question of template.template.followUps) expect(reference, question).not.toContain(telltale(question));
});

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
  const links = (await (await interviewer.request.get(`/api/boards/${boardId}/links?token=${token}`)).json()) as { tokens: { edit: string } };
  const candidate = await personPage(browser, baseURL!, 'Bo');
  await candidate.goto(`/b/${boardId}#token=${links.tokens.edit}`);
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
  await expect(menu.getByRole('menuitem')).toHaveText([/Fit board to screen/, /Replay the session/, /Version history/, /Debrief report/, /Keyboard shortcuts/, /Command palette/]);
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
