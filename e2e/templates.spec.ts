import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { expectExportsAsReference } from './exportReference';
import { BARE_BOARD_URL, boardOf, cardsUnder, createBoard, medianTitlePx } from './helpers';

/** The template files as the repository holds them: the counts every opened template must show. */
const TEMPLATES_DIR = join(import.meta.dirname, '../templates');
const templates = readdirSync(TEMPLATES_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(TEMPLATES_DIR, f), 'utf8')) as { title: string; nodes: unknown[]; edges: unknown[]; template: { id: string; prompt: string; followUps: string[] } });

const boardUrl = BARE_BOARD_URL;

/**
 * One page for every template: each test still opens its own board from /new?template=, but in a browser
 * that has loaded the app before (its scripts cached and compiled), as a person reopening the app would.
 */
const test = base.extend<object, { templatePage: Page }>({
  templatePage: [
    async ({ browser }, use, workerInfo) => {
      const { baseURL, viewport, storageState } = workerInfo.project.use;
      const context = await browser.newContext({ baseURL, viewport, storageState });
      await use(await context.newPage());
      await context.close();
    },
    { scope: 'worker' },
  ],
});

async function caseStudyPanel(page: Page) {
  await page.getByRole('tab', { name: 'Case study' }).click();
  return page.getByRole('tabpanel');
}

/** The edge labels on screen that do not show all their text, or do not hold it in their title (the hover text). */
function cutEdgeLabels(page: Page): Promise<string[]> {
  return page
    .locator('.edge-label')
    .evaluateAll((labels) =>
      labels
        .filter((label) => label.scrollWidth > label.clientWidth + 1 || label.scrollHeight > label.clientHeight + 1 || label.getAttribute('title') !== label.textContent)
        .map((label) => label.textContent ?? ''),
    );
}

for (const file of templates) {
  test(`/new?template=${file.template.id} opens a board with every node and edge of the template, at a zoom where titles read; its exports draw as the reference`, async ({ templatePage: page }) => {
    test.setTimeout(120_000);
    await page.goto(`/new?template=${file.template.id}`);
    await expect(page).toHaveURL(boardUrl);
    await expect(page.locator('.react-flow__node')).toHaveCount(file.nodes.length);
    await expect(page.locator('.react-flow__edge')).toHaveCount(file.edges.length);
    await expect.poll(() => medianTitlePx(page.locator('.canvas-area'))).toBeGreaterThanOrEqual(11);
    // The edge legend does not cover a card the board opens with.
    expect(await cardsUnder(page, '.legend')).toEqual([]);
    // A card of a later stage under the overview shows through it: the overview fades while one is there.
    const minimap = page.locator('.board-minimap');
    if ((await cardsUnder(page, '.board-minimap')).length) await expect(minimap).toHaveAttribute('data-over-cards');
    else await expect(minimap).not.toHaveAttribute('data-over-cards');
    expect(await cutEdgeLabels(page)).toEqual([]);
    await expect(page.getByLabel('Board title')).toHaveValue(file.title);
    // The template parameter is dropped once loaded, so a reload does not load it again.
    expect(new URL(page.url()).searchParams.has('template')).toBe(false);
    await expect(await caseStudyPanel(page)).toContainText(file.template.prompt);
    await expectExportsAsReference(page, file.template.id);
  });
}

test('at 1024x768 a template opens with no card under the edge legend, the overview folded until asked for', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/new?template=ad-click-prediction');
  await expect(page).toHaveURL(boardUrl);
  await expect.poll(() => medianTitlePx(page.locator('.canvas-area'))).toBeGreaterThanOrEqual(11);
  expect(await cardsUnder(page, '.legend')).toEqual([]);
  // The canvas beside both panels is too narrow to give the overview room: it starts folded, and unfolds when asked.
  const overview = page.locator('.board-minimap-view');
  await expect(overview).toHaveCount(0);
  await page.getByRole('button', { name: 'Show overview' }).click();
  await expect(overview).toBeVisible();
});

test('streaming edges march for a few seconds, then only under the pointer or when selected: an idle board draws no frames', async ({ page }) => {
  // The suite's browsers ask for reduced motion (no march at all); this test is about the march.
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await page.goto('/new?template=ad-click-prediction');
  await expect(page).toHaveURL(boardUrl);
  await expect(page.locator('.flow-edge-streaming').first()).toBeAttached();
  await expect.poll(() => medianTitlePx(page.locator('.canvas-area'))).toBeGreaterThanOrEqual(11);
  // A point of a streaming edge's line on screen, not under its label (in the middle), a card or a panel.
  const { id, point } = await page.locator('.flow-edge-streaming').evaluateAll((paths) => {
    for (const path of paths as SVGPathElement[]) {
      const edge = path.closest('.react-flow__edge')!;
      for (const along of [0.3, 0.7]) {
        const { x, y } = path.getPointAtLength(path.getTotalLength() * along).matrixTransform(path.getScreenCTM()!);
        if (document.elementFromPoint(x, y)?.closest('.react-flow__edge') === edge) return { id: edge.getAttribute('data-id')!, point: { x, y } };
      }
    }
    throw new Error('no streaming edge has its line in view');
  });
  const streaming = page.locator(`.react-flow__edge[data-id="${id}"]`);
  /** How many cycles the edge's march runs for (Infinity: for as long as it is hovered or selected), or null when it is still. */
  const cycles = () => streaming.locator('.flow-edge-streaming').evaluate((path) => path.getAnimations()[0]?.effect?.getComputedTiming().iterations ?? null);
  const running = () => page.locator('.flow-edge-streaming').evaluateAll((paths) => paths.filter((path) => path.getAnimations().some((a) => a.playState === 'running')).length);
  expect(await cycles()).toBe(4);
  // Four cycles of 0.8 s: then every streaming edge stands still.
  await expect.poll(running, { timeout: 10_000 }).toBe(0);

  await page.mouse.move(point.x, point.y);
  expect(await cycles()).toBe(Infinity);
  expect(await running()).toBe(1);
  await page.mouse.click(point.x, point.y);
  await expect(streaming).toHaveClass(/selected/);
  await page.mouse.move(0, 0);
  expect(await cycles()).toBe(Infinity);
  await page.keyboard.press('Escape');
  await expect(streaming).not.toHaveClass(/selected/);
  await expect.poll(running).toBe(0);
});

test('the landing gallery finds a template by search and starts a board from it; follow-ups stay out of the shared board', async ({ page }) => {
  const fraud = templates.find((t) => t.template.id === 'fraud-detection')!;
  await page.goto('/');
  await page.getByRole('button', { name: 'Templates' }).click();
  const gallery = page.getByRole('dialog', { name: 'Case-study templates' });
  await expect(gallery.getByRole('listitem').filter({ has: page.locator('h3') })).toHaveCount(templates.length);
  // Every card draws its preview from the template's own nodes.
  await expect(gallery.locator('.template-preview')).toHaveCount(templates.length);
  await gallery.getByLabel('Search templates').fill('delayed labels');
  await expect(gallery.locator('.template-card')).toHaveCount(1);
  await gallery.getByLabel('Search templates').fill('no such words anywhere');
  await expect(gallery).toContainText('No template matches');
  await gallery.getByLabel('Search templates').fill('fraud');
  await gallery.getByRole('link', { name: 'Use template Transaction fraud detection' }).click();

  await expect(page).toHaveURL(boardUrl);
  await expect(page.locator('.react-flow__node')).toHaveCount(fraud.nodes.length);
  const { boardId, token } = await boardOf(page);
  // The server's copy of the shared document holds the case study but none of the interviewer's follow-ups.
  await expect
    .poll(async () => {
      const response = await page.request.get(`/api/boards/${boardId}.json?token=${token}`);
      return response.ok() ? ((await response.json()) as { nodes: unknown[] }).nodes.length : 0;
    })
    .toBe(fraud.nodes.length);
  const shared = await (await page.request.get(`/api/boards/${boardId}.json?token=${token}`)).text();
  expect(shared).toContain(fraud.template.prompt);
  for (const question of fraud.template.followUps) expect(shared).not.toContain(question);
});

test('an unknown template id says so and leaves an empty board', async ({ page }) => {
  await page.goto('/new?template=no-such-case');
  await expect(page).toHaveURL(boardUrl);
  await expect(page.getByText('There is no template "no-such-case"')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
});

test('in an open board: prompt only, replace after confirmation (undoable), add beside', async ({ page }) => {
  const feed = templates.find((t) => t.template.id === 'news-feed')!;
  const search = templates.find((t) => t.template.id === 'visual-search')!;
  await createBoard(page);
  const openGallery = async () => {
    await page.getByRole('button', { name: 'Templates' }).click();
    return page.getByRole('dialog', { name: 'Case-study templates' });
  };
  const card = (gallery: Awaited<ReturnType<typeof openGallery>>, id: string) => gallery.locator(`[data-template="${id}"]`);

  let gallery = await openGallery();
  await card(gallery, 'news-feed').getByRole('button', { name: 'Prompt only' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await expect(await caseStudyPanel(page)).toContainText(feed.template.prompt);

  gallery = await openGallery();
  await card(gallery, 'news-feed').getByRole('button', { name: 'Use template' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(feed.nodes.length);

  gallery = await openGallery();
  await card(gallery, 'visual-search').getByRole('button', { name: 'Replace board' }).click();
  await expect(card(gallery, 'visual-search')).toContainText('Replace everything on this board?');
  await card(gallery, 'visual-search').getByRole('button', { name: 'Replace', exact: true }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(search.nodes.length);
  await expect(page.getByLabel('Board title')).toHaveValue(search.title);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(feed.nodes.length);

  gallery = await openGallery();
  await card(gallery, 'visual-search').getByRole('button', { name: 'Add beside' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(feed.nodes.length + search.nodes.length);
});
