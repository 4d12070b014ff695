import { readFile } from 'node:fs/promises';
import { expect, type Browser, type Locator, type Page } from '@playwright/test';

/** Opens the landing page, presses "New board" and waits for the empty board. */
export async function createBoard(page: Page): Promise<string> {
  await page.goto('/');
  await page.getByRole('button', { name: 'New board' }).click();
  await expect(page).toHaveURL(/\/b\/[A-Za-z0-9_-]{22}/);
  await expect(page.getByRole('complementary', { name: 'Node palette' })).toBeVisible();
  await expect(page.locator('.react-flow__renderer')).toBeVisible();
  return page.url();
}

export function palette(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Node palette' });
}

/** Clicks a palette button (its accessible name is the node type's label) and returns the new node. */
export async function addFromPalette(page: Page, typeLabel: string): Promise<Locator> {
  const before = await page.locator('.react-flow__node').count();
  await palette(page).getByRole('button', { name: typeLabel, exact: true }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(before + 1);
  // A new node is selected; it is the one the inspector shows.
  return page.locator('.react-flow__node.selected');
}

export function nodeByTitle(page: Page, title: string): Locator {
  return page.locator('.react-flow__node').filter({ has: page.locator('.component-node-title', { hasText: title }) });
}

/** Drags from one node's handle to another node's handle, as a user draws an edge. */
export async function connect(page: Page, source: Locator, target: Locator, from = 'right', to = 'left'): Promise<void> {
  await source.hover();
  const start = await source.locator(`.react-flow__handle[data-handleid="${from}"]`).boundingBox();
  await target.hover();
  const end = await target.locator(`.react-flow__handle[data-handleid="${to}"]`).boundingBox();
  if (!start || !end) throw new Error('Handle not found');
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 8 });
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 8 });
  await page.mouse.up();
}

export function inspector(page: Page): Locator {
  return page.getByRole('tabpanel');
}

/** Drags a node by its body so that its top-left corner moves by (dx, dy) screen pixels. */
export async function dragBy(page: Page, node: Locator, dx: number, dy: number): Promise<void> {
  const box = await node.boundingBox();
  if (!box) throw new Error('Node not visible');
  const x = box.x + box.width / 2;
  const y = box.y + 14;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 6 });
  await page.mouse.move(x + dx, y + dy, { steps: 6 });
  await page.mouse.up();
}

/** A board address as the app shows it once loaded: the bare /b/<id>, its token kept out of the address bar. */
export const BARE_BOARD_URL = /\/b\/[A-Za-z0-9_-]{22}$/;

/** The board the page shows and the token this browser keeps for it (the app's storage, see src/collab/boardTokens.ts). */
export async function boardOf(page: Page): Promise<{ boardId: string; token: string }> {
  const boardId = new URL(page.url()).pathname.split('/')[2]!;
  const token = await page.evaluate((id) => (JSON.parse(localStorage.getItem('mldb.boardTokens') ?? '{}') as Record<string, { token?: string }>)[id]?.token, boardId);
  if (!token) throw new Error(`No token kept for board ${boardId}`);
  return { boardId, token };
}

/** The token of a board link (`/b/<id>#token=T`). */
export function tokenOfLink(link: string): string {
  const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token');
  if (!token) throw new Error(`No token in ${link}`);
  return token;
}

/** A browser whose person already gave their name; their role comes from the link they open. */
export async function personPage(browser: Browser, baseURL: string, name: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    storageState: { cookies: [], origins: [{ origin: baseURL, localStorage: [{ name: 'mldb.profile', value: JSON.stringify({ name }) }] }] },
  });
  return context.newPage();
}

export interface Downloaded {
  name: string;
  bytes: Buffer;
  ms: number;
}

export function importDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Import' });
}

export async function chooseImport(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<Locator> {
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = importDialog(page);
  await dialog.getByTestId('import-file-input').setInputFiles(file);
  return dialog;
}

export async function importBeside(page: Page, file: Parameters<typeof chooseImport>[1]): Promise<void> {
  const dialog = await chooseImport(page, file);
  await dialog.getByRole('button', { name: 'Add beside the current content' }).click();
  await expect(dialog).toBeHidden();
}

export async function openExport(page: Page): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name: 'Export' });
  if (!(await dialog.isVisible())) await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog).toBeVisible();
  return dialog;
}

export async function download(page: Page, button: string, timeout = 60_000): Promise<Downloaded> {
  const dialog = await openExport(page);
  const started = Date.now();
  const [file] = await Promise.all([page.waitForEvent('download', { timeout }), dialog.getByRole('button', { name: button }).click()]);
  const bytes = await readFile((await file.path())!);
  return { name: file.suggestedFilename(), bytes, ms: Date.now() - started };
}

/**
 * The median height of the card titles on screen, in pixels: each title's rendered font size times the
 * zoom of the React Flow viewport it is drawn in (the first one inside `within`).
 */
export async function medianTitlePx(within: Locator): Promise<number> {
  return within
    .locator('.react-flow__viewport')
    .first()
    .evaluate((viewport) => {
      const zoom = new DOMMatrix(getComputedStyle(viewport).transform).a;
      const sizes = [...viewport.querySelectorAll('.component-node-title')].map((title) => parseFloat(getComputedStyle(title).fontSize) * zoom).sort((a, b) => a - b);
      return sizes.length ? sizes[Math.floor(sizes.length / 2)]! : 0;
    });
}

/** Opens Version history from More actions. */
export async function openVersions(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: /Version history/ }).click();
  return page.getByRole('dialog', { name: 'Version history' });
}

/** Names a checkpoint in Version history, waits for the list to show it, and closes the dialog. */
export async function addCheckpoint(page: Page, name: string): Promise<void> {
  const versions = await openVersions(page);
  await versions.getByLabel('Checkpoint name').fill(name);
  await versions.getByRole('button', { name: 'Add checkpoint' }).click();
  await expect(versions.getByRole('listitem').filter({ hasText: name })).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Escape');
}

/** The titles of the cards on screen whose box meets the box of `overlay`. */
export function cardsUnder(page: Page, overlay: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const cover = document.querySelector(selector)!.getBoundingClientRect();
    return [...document.querySelectorAll('.react-flow__node:has(.component-node)')]
      .filter((node) => {
        const box = node.getBoundingClientRect();
        return box.left < cover.right && cover.left < box.right && box.top < cover.bottom && cover.top < box.bottom;
      })
      .map((node) => node.querySelector('.component-node-title')?.textContent ?? '');
  }, overlay);
}
