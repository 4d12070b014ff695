import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { gridBoard } from '../bench/lib/boards';
import { chooseImport, createBoard, download, importBeside, importDialog, openExport } from './helpers';

/**
 * Export and import, end to end, on the largest case-study template: the PNG holds the whole
 * diagram at the chosen scale and is not blank, the SVG holds every title as text and nothing that
 * runs, JSON / PNG / SVG exports import back as the same board, invalid files change nothing and
 * say why, and hostile text stays text everywhere.
 */
const TEMPLATE = readdirSync('templates')
  .filter((name) => name.endsWith('.json'))
  .map((name) => join('templates', name))
  .sort((a, b) => statSync(b).size - statSync(a).size)[0];
const HOSTILE = '<img src=x onerror=alert(1)>';
const PADDING = 32;

interface BoardJson {
  title: string;
  nodes: { id: string; type: string; title: string; position: { x: number; y: number }; props: Record<string, unknown> }[];
  edges: { label?: string }[];
}

// Drawing a large board on two cores without a GPU takes seconds per image; some tests draw several.
test.describe.configure({ timeout: 240_000 });

test.beforeEach(async ({ page }) => {
  // Any alert, confirm or prompt is a failure: nothing in a file may run.
  page.on('dialog', (dialog) => {
    throw new Error(`A browser dialog opened: ${dialog.type()} "${dialog.message()}"`);
  });
  await createBoard(page);
});

async function boardJson(page: Page): Promise<BoardJson> {
  const json = await download(page, 'Download JSON');
  await page.keyboard.press('Escape');
  return JSON.parse(json.bytes.toString('utf8')) as BoardJson;
}

async function loadTemplate(page: Page): Promise<BoardJson> {
  await importBeside(page, TEMPLATE);
  const template = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as BoardJson;
  await expect(page.locator('.react-flow__node')).toHaveCount(template.nodes.length);
  return template;
}

/** Decodes a PNG in the page: its size, and how much its pixels vary (a blank image has none). */
async function decodePng(page: Page, png: Buffer) {
  return page.evaluate(async (base64) => {
    const blob = new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/png' });
    const bitmap = await createImageBitmap(blob);
    const width = 400;
    const height = Math.max(1, Math.round((bitmap.height / bitmap.width) * width));
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0, width, height);
    const data = context.getImageData(0, 0, width, height).data;
    let sum = 0;
    let sumSquares = 0;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) {
      const luminance = 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
      sum += luminance;
      sumSquares += luminance * luminance;
      colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    }
    const count = data.length / 4;
    return { width: bitmap.width, height: bitmap.height, variance: sumSquares / count - (sum / count) ** 2, colours: colours.size };
  }, png.toString('base64'));
}

/**
 * The diagram's extent in board pixels, measured on screen: nodes, edge paths and edge labels; and
 * for each component card, the middle of its coloured left stripe (board pixels from the diagram's
 * top-left corner) with the card's colour.
 */
async function diagramLayout(page: Page): Promise<{ width: number; height: number; stripes: { x: number; y: number; color: string }[] }> {
  return page.evaluate(() => {
    const viewport = document.querySelector('.react-flow__viewport')!;
    const zoom = new DOMMatrix(getComputedStyle(viewport).transform).a;
    let left = Infinity;
    let top = Infinity;
    let right = -Infinity;
    let bottom = -Infinity;
    for (const element of viewport.querySelectorAll('.react-flow__node, .react-flow__edge-path, .react-flow__edgelabel-renderer > *')) {
      const box = element.getBoundingClientRect();
      left = Math.min(left, box.left);
      top = Math.min(top, box.top);
      right = Math.max(right, box.right);
      bottom = Math.max(bottom, box.bottom);
    }
    const stripes = Array.from(viewport.querySelectorAll<HTMLElement>('.component-node')).map((card) => {
      const box = card.getBoundingClientRect();
      // The stripe is 6 px wide inside a 1.5 px border.
      return { x: (box.left - left) / zoom + 4.5, y: (box.top + box.height / 2 - top) / zoom, color: getComputedStyle(card).getPropertyValue('--node-color').trim() };
    });
    return { width: (right - left) / zoom, height: (bottom - top) / zoom, stripes };
  });
}

/** The colours of a PNG at the given pixels, as #rrggbb. */
async function pngColours(page: Page, png: Buffer, points: { x: number; y: number }[]): Promise<string[]> {
  return page.evaluate(
    async ({ base64, points }) => {
      const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
      const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      return points.map(({ x, y }) => {
        const [r, g, b] = context.getImageData(Math.round(x), Math.round(y), 1, 1).data;
        return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
      });
    },
    { base64: png.toString('base64'), points },
  );
}

/** How far apart two #rrggbb colours are: the largest difference of a channel. */
function colourDistance(a: string, b: string): number {
  const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const [x, y] = [channels(a), channels(b)];
  return Math.max(...x.map((value, i) => Math.abs(value - y[i])));
}

/** Parses an SVG in the page: its text without the embedded board, and anything in it that could run. */
async function inspectSvg(page: Page, svg: string) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const unsafe: string[] = [];
    for (const element of Array.from(doc.querySelectorAll('*'))) {
      if (['script', 'iframe', 'object', 'embed'].includes(element.localName)) unsafe.push(`<${element.localName}>`);
      for (const attribute of Array.from(element.attributes)) {
        if (/^on/i.test(attribute.name) || /^\s*javascript:/i.test(attribute.value)) unsafe.push(`${attribute.name}="${attribute.value}"`);
      }
    }
    const metadata = doc.querySelector('metadata');
    const embedded = metadata?.textContent ?? '';
    metadata?.remove();
    const root = doc.documentElement;
    return { parsed: !doc.querySelector('parsererror') && root.localName === 'svg', width: root.getAttribute('width'), text: root.textContent ?? '', unsafe, embedded };
  }, svg);
}

async function openAsNewBoard(page: Page, file: Parameters<typeof chooseImport>[1]): Promise<void> {
  const before = page.url();
  const dialog = await chooseImport(page, file);
  await dialog.getByRole('button', { name: 'Open as a new board' }).click();
  await expect(page).not.toHaveURL(before);
  await expect(page.locator('.react-flow__renderer')).toBeVisible();
}

test('the PNG holds the whole diagram at the chosen scale, named after the board, and is not blank', async ({ page }) => {
  await loadTemplate(page);
  await page.getByRole('textbox', { name: 'Board title' }).fill('Video recommendation <v2>');
  await page.keyboard.press('Enter');
  const dialog = await openExport(page);
  await dialog.getByRole('radio', { name: '2x' }).check({ force: true });
  await dialog.getByRole('radio', { name: 'White' }).check({ force: true });
  await dialog.getByLabel('Padding in pixels').fill(String(PADDING));
  const png = await download(page, 'Download PNG');
  await expect(dialog.getByRole('status')).toContainText('Downloaded video-recommendation-v2.png');

  expect(png.name).toBe('video-recommendation-v2.png');
  const layout = await diagramLayout(page);
  const image = await decodePng(page, png.bytes);
  console.log(`PNG 2x of ${TEMPLATE}: ${image.width} x ${image.height} px, ${Math.round(png.bytes.length / 1024)} KB, ${png.ms} ms`);
  expect(Math.abs(image.width - (layout.width + 2 * PADDING) * 2)).toBeLessThanOrEqual(6);
  expect(Math.abs(image.height - (layout.height + 2 * PADDING) * 2)).toBeLessThanOrEqual(6);
  expect(image.variance).toBeGreaterThan(100);
  expect(image.colours).toBeGreaterThan(50);
  // Drawn with the board's styles, where the board has it: each card's stripe in the card's colour.
  expect(layout.stripes.length).toBeGreaterThan(10);
  const stripes = await pngColours(
    page,
    png.bytes,
    layout.stripes.map(({ x, y }) => ({ x: (x + PADDING) * 2, y: (y + PADDING) * 2 })),
  );
  for (const [i, { color }] of layout.stripes.entries()) expect(colourDistance(stripes[i], color), `stripe ${i}: ${stripes[i]} for ${color}`).toBeLessThanOrEqual(24);
});

test('the SVG holds every title and note the board shows, as text, and nothing that runs', async ({ page }) => {
  const template = await loadTemplate(page);
  const svg = await download(page, 'Download SVG');
  const inspected = await inspectSvg(page, svg.bytes.toString('utf8'));
  console.log(`SVG of ${TEMPLATE}: ${Math.round(svg.bytes.length / 1024)} KB, ${svg.ms} ms`);
  expect(inspected.parsed).toBe(true);
  expect(inspected.unsafe).toEqual([]);
  // Cards and frames show their title; a sticky note shows its text.
  for (const node of template.nodes) {
    const shown = node.type === 'sticky-note' ? String(node.props.text ?? '') : node.title;
    if (shown) expect(inspected.text).toContain(shown);
  }
  for (const edge of template.edges) if (edge.label) expect(inspected.text).toContain(edge.label);
  expect(JSON.parse(inspected.embedded).nodes).toHaveLength(template.nodes.length);
});

test('JSON, PNG and SVG exports each import back as the same board', async ({ page }) => {
  await loadTemplate(page);
  const original = await boardJson(page);
  const exports = [
    { name: 'board.json', mimeType: 'application/json', buffer: (await download(page, 'Download JSON')).bytes },
    { name: 'board.png', mimeType: 'image/png', buffer: (await download(page, 'Download PNG')).bytes },
    { name: 'board.svg', mimeType: 'image/svg+xml', buffer: (await download(page, 'Download SVG')).bytes },
  ];
  // Closed with its button: in whole runs, Escape after three downloads in a row sometimes left this dialog open
  // (never when run alone, cause not found), and what this test checks is the imports.
  const exportDialog = page.getByRole('dialog', { name: 'Export' });
  await exportDialog.getByRole('button', { name: 'Close' }).click();
  await expect(exportDialog).toHaveCount(0);
  for (const file of exports) {
    await openAsNewBoard(page, file);
    await expect(page.locator('.react-flow__node')).toHaveCount(original.nodes.length);
    expect(await boardJson(page), `${file.name} imported`).toEqual(original);
  }
});

test('a file merged beside the content lands to the right, and one undo removes it', async ({ page }) => {
  const template = await loadTemplate(page);
  const before = await boardJson(page);
  await importBeside(page, TEMPLATE);
  await expect(page.locator('.react-flow__node')).toHaveCount(2 * template.nodes.length);
  const after = await boardJson(page);
  const added = after.nodes.filter((node) => !before.nodes.some((old) => old.id === node.id));
  expect(added).toHaveLength(template.nodes.length);
  const rightmostBefore = Math.max(...before.nodes.map((n) => n.position.x));
  const topLevelAdded = added.filter((n) => !('parentId' in n));
  expect(Math.min(...topLevelAdded.map((n) => n.position.x))).toBeGreaterThan(rightmostBefore);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(template.nodes.length);
  expect(await boardJson(page)).toEqual(before);
});

test('every kind of invalid file leaves the board as it was and names the problem', async ({ page }) => {
  await loadTemplate(page);
  const before = await boardJson(page);
  const valid = JSON.parse(readFileSync(TEMPLATE, 'utf8'));
  const variant = (change: (board: typeof valid) => void) => {
    const copy = structuredClone(valid);
    change(copy);
    return Buffer.from(JSON.stringify(copy));
  };
  const json = (buffer: Buffer, name = 'board.json') => ({ name, mimeType: 'application/json', buffer });
  const blankPng = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(8, 8);
    canvas.getContext('2d')!.fillRect(0, 0, 4, 4);
    return Array.from(new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer()));
  });
  const cases = [
    { file: json(Buffer.from('{"nodes": [')), message: 'The file is not valid JSON' },
    { file: json(variant((b) => (b.version = 9))), message: 'This file is version 9, made by a newer ML Design Board' },
    { file: json(variant((b) => (b.nodes[1].type = 'quantum-router'))), message: `unknown node type "quantum-router"` },
    { file: json(variant((b) => (b.nodes[1].position = { x: 'left', y: 0 }))), message: 'nodes[1].position.x' },
    { file: json(variant((b) => (b.edges[0].target = 'ghost'))), message: 'its target node "ghost" does not exist' },
    { file: json(Buffer.alloc(10 * 1024 * 1024 + 10, 32), 'huge.json'), message: 'files over 10 MiB are refused' },
    { file: { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from(blankPng) }, message: 'This PNG has no board embedded in it' },
    {
      file: { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>') },
      message: 'This SVG has no board embedded in it',
    },
  ];
  for (const { file, message } of cases) {
    const dialog = await chooseImport(page, file);
    await expect(dialog.getByRole('alert')).toContainText(`Could not open ${file.name}: `);
    await expect(dialog.getByRole('alert')).toContainText(message);
    await expect(dialog.getByRole('button', { name: 'Add beside the current content' })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }

  // The same by dropping a file on the board.
  await page.locator('.canvas-area').evaluate((area) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['{"format": "ml-design-board", "version": 2'], 'dropped.json', { type: 'application/json' }));
    area.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    area.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
  });
  await expect(importDialog(page).getByRole('alert')).toContainText('Could not open dropped.json: The file is not valid JSON');
  await page.keyboard.press('Escape');

  expect(await boardJson(page)).toEqual(before);
});

test('a title full of HTML shows as text in the app and in every export, and nothing runs', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const board = {
    format: 'ml-design-board',
    version: 2,
    title: 'Hostile',
    nodes: [
      { id: 'a', type: 'model-server', title: HOSTILE, position: { x: 0, y: 0 }, props: {} },
      { id: 'b', type: 'ranker', title: '"quoted" & <b>bold</b>', position: { x: 400, y: 0 }, props: {} },
    ],
    edges: [{ id: 'e', source: 'a', target: 'b', kind: 'online', label: '<script>alert(2)</script>' }],
  };
  await importBeside(page, { name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(board)) });
  await expect(page.locator('.component-node-title').filter({ hasText: HOSTILE })).toHaveText(HOSTILE);
  await expect(page.locator('.edge-label')).toHaveText('<script>alert(2)</script>');
  await expect(page.locator('img[src="x"], .react-flow b')).toHaveCount(0);
  await page.getByRole('textbox', { name: 'Board title' }).fill(HOSTILE);
  await page.keyboard.press('Enter');

  const png = await download(page, 'Download PNG');
  expect(png.name).toBe('img-src-x-onerror-alert-1.png');
  expect((await decodePng(page, png.bytes)).variance).toBeGreaterThan(100);

  const svg = await inspectSvg(page, (await download(page, 'Download SVG')).bytes.toString('utf8'));
  expect(svg.unsafe).toEqual([]);
  expect(svg.text).toContain(HOSTILE);
  expect(svg.text).toContain('<script>alert(2)</script>');

  const dialog = await openExport(page);
  await dialog.getByRole('button', { name: 'Copy as Mermaid' }).click();
  await expect(dialog.getByRole('status')).toContainText('The Mermaid flowchart is on the clipboard');
  const mermaid = await page.evaluate(() => navigator.clipboard.readText());
  expect(mermaid).toMatch(/^ {2}n\d\["#lt;img src=x onerror=alert\(1\)#gt; \(Model server\)"\]$/m);
  expect(mermaid).toMatch(/^ {2}n\d -->\|"#lt;script#gt;alert\(2\)#lt;\/script#gt;"\| n\d$/m);
  expect(mermaid).not.toMatch(/<(img|script|b)\b/);

  await dialog.getByRole('button', { name: 'Copy image' }).click();
  await expect(dialog.getByRole('status')).toContainText('The image is on the clipboard');
  const types = await page.evaluate(async () => (await navigator.clipboard.read()).flatMap((item) => item.types));
  expect(types).toContain('image/png');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
});

test('a view-only link offers no import: the button is off and says why, and a dropped file changes nothing', async ({ page }) => {
  const created = await page.request.post('/api/boards');
  const { boardId, tokens } = (await created.json()) as { boardId: string; tokens: { read: string } };
  await page.goto(`/b/${boardId}?token=${encodeURIComponent(tokens.read)}`);
  await expect(page.getByText('View only', { exact: true })).toBeVisible();
  const button = page.getByRole('button', { name: 'Import', exact: true });
  await expect(button).toBeDisabled();
  await expect(button).toHaveAttribute('title', 'Import: your link lets you view this board, not change it.');
  // The shortcut is refused like the button.
  await page.locator('.react-flow__pane').click();
  await page.keyboard.press('Control+O');
  await expect(importDialog(page)).toHaveCount(0);
  // The command palette lists it as off, with the same reason.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('import');
  const option = page.getByRole('option', { name: /^Import/ });
  await expect(option).toHaveAttribute('aria-disabled', 'true');
  await expect(option).toContainText('your link lets you view this board, not change it.');
  await page.keyboard.press('Escape');

  const board = readFileSync(TEMPLATE, 'utf8');
  await page.locator('.canvas-area').evaluate((area, text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'template.json', { type: 'application/json' }));
    area.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    area.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
  }, board);
  await expect(importDialog(page).getByRole('alert')).toHaveText('Import is not available: your link lets you view this board, not change it.');
  await expect(importDialog(page).getByRole('button', { name: /Choose file|Add beside|Open as a new board/ })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(importDialog(page)).toBeHidden();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
});

test('a board too large for the canvas at 3x is exported at a lower scale, and the user is told', async ({ page }) => {
  const board = {
    format: 'ml-design-board',
    version: 2,
    title: 'Very wide',
    nodes: [
      { id: 'a', type: 'data-source', title: 'Far left', position: { x: 0, y: 0 }, props: {} },
      { id: 'b', type: 'trainer', title: 'Far right', position: { x: 15_000, y: 0 }, props: {} },
    ],
    edges: [{ id: 'e', source: 'a', target: 'b', kind: 'batch', label: 'a long way' }],
  };
  await importBeside(page, { name: 'wide.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(board)) });
  const dialog = await openExport(page);
  await dialog.getByRole('radio', { name: '3x' }).check({ force: true });
  const png = await download(page, 'Download PNG');
  await expect(dialog.getByRole('status')).toContainText('The board is too large for a 3x image in this browser, so it was exported at');
  const image = await decodePng(page, png.bytes);
  console.log(`Wide board PNG: ${image.width} x ${image.height} px, ${png.ms} ms`);
  expect(image.width).toBeLessThanOrEqual(32_767);
  expect(image.width).toBeGreaterThan(30_000);
  // Not blank (0): two mostly white cards and a dashed line across 15,000 px, seen 400 px wide, give about 6.
  expect(image.variance).toBeGreaterThan(3);
});

test('a 1,000-node board exports whole, the nodes off-screen included', async ({ page }) => {
  const board = gridBoard(1000);
  await importBeside(page, { name: 'large.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(board)) });
  // The canvas renders only what is in view: the export cannot copy the cards off-screen from the page as it is.
  await expect.poll(() => page.locator('.react-flow__node').count()).toBeGreaterThan(0);
  expect(await page.locator('.react-flow__node').count()).toBeLessThan(board.nodes.length);
  const svg = (await download(page, 'Download SVG', 180_000)).bytes.toString('utf8');
  expect(svg.match(/class="react-flow__node /g)).toHaveLength(board.nodes.length);
  expect(svg.match(/class="react-flow__edge /g)).toHaveLength(board.edges.length);
  for (const node of [board.nodes[0], board.nodes.at(-1)!]) expect(svg).toContain(`>${node.title}<`);
  // Back to rendering what is in view once the picture is taken.
  await expect.poll(() => page.locator('.react-flow__node').count()).toBeLessThan(board.nodes.length);
});
