import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { connect as connectClient, startServer, tempDir, waitFor, type ServerHandle } from '../server/test/harness';
import { boardMaps, nodeToY } from '../src/shared/yjsBoard';
import { BARE_BOARD_URL, createBoard, nodeByTitle, palette, tokenOfLink } from './helpers';

/**
 * Two (or three) people on one board, each in their own browser context: live edits, presence,
 * per-person undo, view-only links, and a server that dies and comes back.
 */

// Two or three Chromium pages and a server on two cores: these flows take a while.
test.describe.configure({ timeout: 180_000 });

const BROWSER_ARGS = { viewport: { width: 1280, height: 800 } };
const SCREENSHOTS = process.env.COLLAB_SCREENSHOTS;

/** A browser with no name yet (no storageState): the first visit asks for one. */
async function freshContext(browser: Browser, baseURL: string, viewport = BROWSER_ARGS.viewport): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport, storageState: { cookies: [], origins: [] } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  return context;
}

/** Answers the name question, asked once someone else is on the board; nobody chooses a role. */
async function join(page: Page, name: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Join the board' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('radio')).toHaveCount(0);
  await dialog.getByLabel('Your name').fill(name);
  await dialog.getByRole('button', { name: 'Join' }).click();
  await expect(dialog).toHaveCount(0);
}

function status(page: Page): Locator {
  return page.getByRole('status', { name: 'Connection status' });
}

/** A link from the Share dialog, as copied to the clipboard by its Copy button; `name` answers the dialog's name question. */
async function sharedLink(page: Page, label: 'Edit link' | 'View-only link' | 'Interviewer link', name?: string): Promise<string> {
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this board' });
  if (name) {
    await dialog.getByLabel('Your name').fill(name);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByLabel('Your name')).toHaveCount(0);
  }
  await dialog.getByRole('button', { name: `Copy ${label.toLowerCase()}` }).click();
  await expect(dialog.getByRole('button', { name: `Copy ${label.toLowerCase()}` })).toContainText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await dialog.getByRole('textbox', { name: label, exact: true }).inputValue());
  await dialog.getByRole('button', { name: 'Close' }).click();
  return copied;
}

/** Adds a node from the palette inside the page and returns the page's clock at the click. */
function clickPaletteAt(page: Page, typeLabel: string): Promise<number> {
  return page.evaluate((label) => {
    const button = document.querySelector<HTMLButtonElement>(`.palette button[aria-label="${label}"]`);
    if (!button) throw new Error(`no palette button ${label}`);
    const at = Date.now();
    button.click();
    return at;
  }, typeLabel);
}

/**
 * Starts watching (in the page) for the board to show `count` nodes; the returned function gives
 * the page's clock at that moment. The watch is in place before this resolves.
 */
async function watchNodeCount(page: Page, count: number): Promise<() => Promise<number>> {
  await page.evaluate((n) => {
    (window as unknown as { seenAt: Promise<number> }).seenAt = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (document.querySelectorAll('.react-flow__node').length === n) {
          observer.disconnect();
          resolve(Date.now());
        }
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
  }, count);
  return () => page.evaluate(() => (window as unknown as { seenAt: Promise<number> }).seenAt);
}

function centre(box: { x: number; y: number; width: number; height: number }) {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

function inside(point: { x: number; y: number }, box: { x: number; y: number; width: number; height: number }, margin = 0): boolean {
  return point.x >= box.x - margin && point.x <= box.x + box.width + margin && point.y >= box.y - margin && point.y <= box.y + box.height + margin;
}

test('two people: edits arrive live, cursors and selections show in place whatever the zoom, undo is per person, following a view', async ({ browser, baseURL }) => {
  const contextA = await freshContext(browser, baseURL!);
  const contextB = await freshContext(browser, baseURL!, { width: 1100, height: 760 });
  const a = await contextA.newPage();
  const b = await contextB.newPage();

  await createBoard(a);
  // Alone on a new board, nobody is asked for a name; sharing the board asks for it.
  await expect(status(a)).toHaveText(/Connected/);
  await expect(a.getByRole('dialog')).toHaveCount(0);
  await b.goto(await sharedLink(a, 'Edit link', 'Ada Lovelace'));
  // The token moves from the address into the browser's storage: the address bar shows the bare board.
  await expect(b).toHaveURL(BARE_BOARD_URL);
  await join(b, 'Bo Chen');
  await expect(a.getByRole('dialog')).toHaveCount(0);
  await expect(status(b)).toHaveText(/Connected/);

  // Avatars: each sees the other, with name and role.
  // Avatars: each sees the other, with name and the role their link gives (the creator holds the interviewer's).
  await expect(a.getByRole('button', { name: 'Bo Chen, Collaborator' })).toBeVisible();
  await expect(b.getByRole('button', { name: 'Ada Lovelace, Interviewer' })).toBeVisible();
  await expect(a.getByRole('button', { name: 'You: Ada Lovelace' })).toHaveText('AL');

  // Edit-to-remote latency: the click in A to the node on B's screen (one machine, one clock).
  const latencies: number[] = [];
  const types = ['Client app', 'Model server', 'Feature store', 'Ranker', 'Trainer', 'Evaluation', 'Model registry', 'Data source', 'Labeling', 'Vector index'];
  for (const [i, type] of types.entries()) {
    const seenAt = await watchNodeCount(b, i + 1);
    const clicked = await clickPaletteAt(a, type);
    latencies.push((await seenAt()) - clicked);
  }
  latencies.sort((x, y) => x - y);
  console.log(`edit-to-remote latency over ${latencies.length} node additions (ms): min ${latencies[0]}, median ${latencies[latencies.length >> 1]}, max ${latencies.at(-1)}`);
  await expect(nodeByTitle(b, 'Vector index')).toBeVisible();

  // B zooms out and pans, so the same board point lands elsewhere on each screen.
  await b.getByRole('button', { name: 'Zoom out' }).first().click();
  await b.mouse.move(600, 600);
  await b.mouse.wheel(0, 200);
  await expect(nodeByTitle(b, 'Model server')).toBeInViewport();

  // A's pointer over "Model server": B draws A's cursor (named) over B's own "Model server".
  const serverA = nodeByTitle(a, 'Model server');
  await serverA.scrollIntoViewIfNeeded();
  const pointA = centre((await serverA.boundingBox())!);
  await a.mouse.move(pointA.x - 5, pointA.y - 5);
  await a.mouse.move(pointA.x, pointA.y);
  const cursor = b.locator('.collab-cursor[data-peer="Ada Lovelace"]');
  await expect(cursor).toBeVisible();
  await expect(cursor).toContainText('Ada Lovelace');
  await expect
    .poll(async () => {
      const tip = (await cursor.locator('svg').boundingBox())!;
      return inside({ x: tip.x + 1, y: tip.y + 1 }, (await nodeByTitle(b, 'Model server').boundingBox())!);
    })
    .toBe(true);

  // A selects it: B sees it outlined in A's colour, around B's own drawing of the node.
  await serverA.click();
  const outline = b.locator('.collab-selection[data-peer="Ada Lovelace"]');
  await expect(outline).toHaveCount(1);
  const [outlineBox, serverB] = [(await outline.boundingBox())!, (await nodeByTitle(b, 'Model server').boundingBox())!];
  expect(inside(centre(serverB), outlineBox)).toBe(true);
  expect(outlineBox.width).toBeGreaterThanOrEqual(serverB.width);
  expect(outlineBox.width).toBeLessThan(serverB.width * 1.3);
  const colourA = await a.getByRole('button', { name: 'You: Ada Lovelace' }).evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await outline.evaluate((el) => getComputedStyle(el).borderTopColor)).toBe(colourA);

  // Bo selects a node too, and moves the pointer: A sees both, in Bo's colour.
  await nodeByTitle(b, 'Feature store').click();
  await b.mouse.move(300, 300);
  await b.mouse.move(320, 320);
  await expect(a.locator('.collab-selection[data-peer="Bo Chen"]')).toHaveCount(1);
  await expect(a.locator('.collab-cursor[data-peer="Bo Chen"]')).toBeVisible();
  if (SCREENSHOTS) {
    await a.screenshot({ path: `${SCREENSHOTS}/two-people-a.png` });
    await b.screenshot({ path: `${SCREENSHOTS}/two-people-b.png` });
  }

  // Dragging: B sees the node travel (an overlay from awareness) while the document keeps the old
  // position; the drop commits once and the overlay goes.
  const dragged = nodeByTitle(a, 'Model server');
  const before = (await nodeByTitle(b, 'Model server').boundingBox())!;
  const start = centre((await dragged.boundingBox())!);
  await a.mouse.move(start.x, start.y - 20);
  await a.mouse.down();
  await a.mouse.move(start.x + 60, start.y + 40, { steps: 10 });
  await a.mouse.move(start.x + 120, start.y + 80, { steps: 10 });
  const ghost = b.locator('.collab-drag-ghost');
  await expect(ghost).toHaveCount(1);
  await expect(ghost).toContainText('Model server');
  expect(centre((await ghost.boundingBox())!).x).toBeGreaterThan(centre(before).x + 20);
  expect(await nodeByTitle(b, 'Model server').boundingBox()).toEqual(before);
  if (SCREENSHOTS) await b.screenshot({ path: `${SCREENSHOTS}/drag-b.png` });
  await a.mouse.up();
  await expect(ghost).toHaveCount(0);
  await expect.poll(async () => centre((await nodeByTitle(b, 'Model server').boundingBox())!).x).toBeGreaterThan(centre(before).x + 20);

  // Undo is per person: A's undo removes A's last change (the move, then the node), never B's.
  await palette(b).getByRole('button', { name: 'Message queue', exact: true }).click();
  await expect(nodeByTitle(a, 'Message queue')).toBeVisible();
  const undoA = a.getByRole('button', { name: 'Undo' });
  await undoA.click(); // the move
  await expect.poll(async () => centre((await nodeByTitle(b, 'Model server').boundingBox())!).x).toBeCloseTo(centre(before).x, 0);
  await undoA.click(); // the last node A added
  await expect(nodeByTitle(a, 'Vector index')).toHaveCount(0);
  await expect(nodeByTitle(b, 'Vector index')).toHaveCount(0);
  await expect(nodeByTitle(a, 'Message queue')).toBeVisible();
  await expect(nodeByTitle(b, 'Message queue')).toBeVisible();
  // B's own undo removes B's node.
  await b.getByRole('button', { name: 'Undo' }).click();
  await expect(nodeByTitle(a, 'Message queue')).toHaveCount(0);
  await expect(a.locator('.react-flow__node')).toHaveCount(9);

  // Following: B follows A's view; A zooms and pans, B's view centre goes with it; B scrolls and stops following.
  const follow = b.getByRole('button', { name: 'Ada Lovelace, Interviewer' });
  await follow.click();
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  await a.getByRole('button', { name: 'Zoom in' }).first().click();
  await a.mouse.move(420, 220);
  await a.mouse.wheel(0, -250);
  const viewCentre = (page: Page) =>
    page.evaluate(() => {
      const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
      const m = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform);
      return { x: Math.round((pane.width / 2 - m.e) / m.a), y: Math.round((pane.height / 2 - m.f) / m.a) };
    });
  await expect
    .poll(async () => {
      const [mine, theirs] = [await viewCentre(b), await viewCentre(a)];
      return Math.max(Math.abs(mine.x - theirs.x), Math.abs(mine.y - theirs.y));
    })
    .toBeLessThanOrEqual(2);
  await b.mouse.move(600, 400);
  await b.mouse.wheel(0, -300);
  await expect(follow).toHaveAttribute('aria-pressed', 'false');

  await contextA.close();
  await contextB.close();
});

test('a view-only link cannot change the board, through the page or the protocol', async ({ browser, baseURL }) => {
  const contextA = await freshContext(browser, baseURL!);
  const contextC = await freshContext(browser, baseURL!);
  const a = await contextA.newPage();
  const c = await contextC.newPage();
  await createBoard(a);
  await palette(a).getByRole('button', { name: 'Ranker', exact: true }).click();
  await expect(nodeByTitle(a, 'Ranker')).toBeVisible();

  const readLink = await sharedLink(a, 'View-only link');
  const readToken = tokenOfLink(readLink);
  const boardId = new URL(readLink).pathname.split('/')[2]!;
  await c.goto(readLink);
  // Someone else is here: both are asked for their name now.
  await join(c, 'Cy');
  await join(a, 'Ada');
  await expect(c.getByText('View only', { exact: true })).toBeVisible();
  await expect(nodeByTitle(c, 'Ranker')).toBeVisible();
  await expect(status(c)).toHaveText(/Connected/);
  // The viewer is present: A sees them.
  await expect(a.getByRole('button', { name: 'Cy, Viewer' })).toBeVisible();

  // The palette's components are off (folding the palette away stays on); Delete and dragging change nothing, here or for A.
  const components = palette(c).getByRole('region').getByRole('button');
  await expect(components).not.toHaveCount(0);
  for (const button of await components.all()) await expect(button).toBeDisabled();
  await expect(c.getByRole('textbox', { name: 'Board title' })).toHaveAttribute('readonly', '');
  const ranker = nodeByTitle(c, 'Ranker');
  const rankerInA = (await nodeByTitle(a, 'Ranker').boundingBox())!;
  await ranker.click();
  await c.keyboard.press('Delete');
  const box = (await ranker.boundingBox())!;
  await c.mouse.move(box.x + 20, box.y + 20);
  await c.mouse.down();
  await c.mouse.move(box.x + 220, box.y + 120, { steps: 8 });
  await c.mouse.up();
  await expect(ranker).toBeVisible();
  // C's pointer leaves the canvas: once A sees the cursor go, whatever C sent before has arrived.
  await expect(a.locator('.collab-cursor[data-peer="Cy"]')).toBeVisible();
  await c.mouse.move(5, 5);
  await expect(a.locator('.collab-cursor[data-peer="Cy"]')).toHaveCount(0);
  expect(await nodeByTitle(a, 'Ranker').boundingBox()).toEqual(rankerInA);

  // Forced: a client speaking the protocol with the read token writes a node into its copy; the
  // server drops the update, so A never sees it and a newcomer with the edit link does not either.
  const server = { wsUrl: baseURL!.replace(/^http/, 'ws') + '/ws' } as ServerHandle;
  const forced = connectClient(server, boardId, readToken);
  await forced.firstSync;
  boardMaps(forced.doc).nodes.set('forced-node-0000000001', nodeToY({ id: 'forced-node-0000000001', type: 'trainer', title: 'Forced by a reader', position: { x: 0, y: 0 }, props: {} }));
  await palette(a).getByRole('button', { name: 'Trainer', exact: true }).click(); // an edit after it, to have something to wait for
  await expect(nodeByTitle(c, 'Trainer')).toBeVisible();
  const editToken = tokenOfLink(await sharedLink(a, 'Edit link'));
  const newcomer = connectClient(server, boardId, editToken);
  const seen = await newcomer.firstSync;
  expect([...boardMaps(seen).nodes.keys()]).toHaveLength(2);
  expect(boardMaps(seen).nodes.has('forced-node-0000000001')).toBe(false);
  await expect(a.getByText('Forced by a reader')).toHaveCount(0);
  await expect(a.locator('.react-flow__node')).toHaveCount(2);
  forced.destroy();
  newcomer.destroy();

  // A link whose token grants nothing opens nothing of the board: no editor, no name prompt.
  await c.goto(readLink.replace(readToken, 'A'.repeat(22)));
  const refused = c.getByRole('main', { name: 'This link does not open this board' });
  await expect(refused).toBeVisible();
  await expect(refused).toContainText('wrong');
  await expect(c.locator('.react-flow')).toHaveCount(0);
  await expect(c.getByRole('dialog')).toHaveCount(0);
  await expect(c).toHaveURL(BARE_BOARD_URL);
  // Nor does the bare address in a browser that keeps no token for it; "Your boards" leads home.
  const contextD = await freshContext(browser, baseURL!);
  const d = await contextD.newPage();
  await d.goto(`/b/${boardId}`);
  const missing = d.getByRole('main', { name: 'This link does not open this board' });
  await expect(missing).toContainText('no access token');
  await expect(d.locator('.react-flow')).toHaveCount(0);
  await expect(missing.getByRole('button', { name: 'New board' })).toBeVisible();
  await missing.getByRole('link', { name: 'Your boards' }).click();
  await expect(d.getByRole('heading', { name: 'Your boards' })).toBeVisible();
  await contextD.close();
  await contextA.close();
  await contextC.close();
});

test.describe('with a server of its own', () => {
  let server: ServerHandle | null = null;
  const dataDir = tempDir('mldb-e2e-offline-');
  const staticDir = process.env.E2E_STATIC_DIR ?? 'dist';

  test.afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  test('server killed mid-session: both keep editing offline, and every edit merges on both sides when it is back', async ({ browser }) => {
    server = await startServer({ dataDir, env: { STATIC_DIR: staticDir } });
    const port = server.port;
    const contextA = await freshContext(browser, server.httpUrl);
    const contextB = await freshContext(browser, server.httpUrl);
    const a = await contextA.newPage();
    const b = await contextB.newPage();
    await createBoard(a);
    await b.goto(await sharedLink(a, 'Edit link', 'Ada'));
    await join(b, 'Bo');
    await palette(a).getByRole('button', { name: 'Client app', exact: true }).click();
    await expect(nodeByTitle(b, 'Client app')).toBeVisible();
    await expect(status(a)).toHaveText('Connected');

    await server.stop('SIGKILL');
    await expect(status(a)).toHaveText(/Offline/);
    await expect(status(b)).toHaveText(/Offline/);
    // Presence goes with the connection.
    await expect(a.getByRole('button', { name: 'Bo, Collaborator' })).toHaveCount(0);

    await palette(a).getByRole('button', { name: 'Ranker', exact: true }).click();
    await palette(a).getByRole('button', { name: 'Trainer', exact: true }).click();
    await a.getByRole('textbox', { name: 'Board title' }).fill('Offline plan');
    await palette(b).getByRole('button', { name: 'Feature store', exact: true }).click();
    await expect(status(a)).toHaveText(/Offline · \d+ unsynced edits/);
    await expect(status(b)).toHaveText('Offline · 1 unsynced edit');
    await expect(a.locator('.react-flow__node')).toHaveCount(3);
    await expect(b.locator('.react-flow__node')).toHaveCount(2);
    if (SCREENSHOTS) await a.screenshot({ path: `${SCREENSHOTS}/offline-a.png` });
    // A backup can be taken while the server is away: the Export dialog's code was fetched in advance.
    await a.getByRole('button', { name: 'Export', exact: true }).click();
    const exportDialog = a.getByRole('dialog', { name: 'Export' });
    const [backup] = await Promise.all([a.waitForEvent('download'), exportDialog.getByRole('button', { name: 'Download JSON' }).click()]);
    const saved = JSON.parse(await readFile((await backup.path())!, 'utf8')) as { title: string; nodes: unknown[] };
    expect(saved).toMatchObject({ title: 'Offline plan' });
    expect(saved.nodes).toHaveLength(3);
    await a.keyboard.press('Escape');
    await expect(exportDialog).toBeHidden();

    server = await startServer({ dataDir, env: { PORT: String(port), STATIC_DIR: staticDir } });
    for (const page of [a, b]) {
      await expect(status(page)).toHaveText('Connected', { timeout: 20_000 });
      await expect(page.locator('.react-flow__node')).toHaveCount(4);
      for (const title of ['Client app', 'Ranker', 'Trainer', 'Feature store']) await expect(nodeByTitle(page, title)).toBeVisible();
      await expect(page.getByRole('textbox', { name: 'Board title' })).toHaveValue('Offline plan');
    }
    await expect(a.getByRole('button', { name: 'Bo, Collaborator' })).toBeVisible();

    // What the server stored is the merge: a newcomer (or a reload) sees the four nodes.
    await b.reload();
    await expect(b.locator('.react-flow__node')).toHaveCount(4);
    await waitFor(async () => (await a.locator('.react-flow__node').count()) === 4, 'four nodes in A');
    await contextA.close();
    await contextB.close();
  });
});
