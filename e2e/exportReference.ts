import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { expect, type Page } from '@playwright/test';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/*
 * A template's exported PNG and SVG against a reference SVG of that template kept in
 * e2e/export-reference/ (gzipped; each carries the style sheets it was drawn with, so it draws the
 * same on any machine that draws the export). Both exports are drawn at 1x over white and compared
 * pixel by pixel with pixelmatch, anti-aliased pixels left out: a change of how cards or edges look
 * in exported images fails here until the reference is made again on purpose, with
 * UPDATE_EXPORT_REFERENCE=1.
 */
const REFERENCE_DIR = join(import.meta.dirname, 'export-reference');
const UPDATE = process.env.UPDATE_EXPORT_REFERENCE === '1';
/** pixelmatch's colour distance (0-1) under which two pixels count as the same. */
const COLOUR_THRESHOLD = 0.1;

async function download(page: Page, button: string): Promise<Buffer> {
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const [file] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: button }).click()]);
  return readFile((await file.path())!);
}

/** An SVG drawn by the page at its own size over white, as a PNG. */
async function drawSvg(page: Page, svg: string): Promise<Buffer> {
  const base64 = await page.evaluate(async (text) => {
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0);
    return canvas.toDataURL('image/png').slice('data:image/png;base64,'.length);
  }, svg);
  return Buffer.from(base64, 'base64');
}

/**
 * Whether the page draws the exported PNG, the exported SVG and the reference SVG over white with the very
 * same pixels (and sizes). pixelmatch also blends every pixel over white, so identical pixels here are 0
 * differing pixels there; only when they are not identical does the slower comparison below need to run.
 */
async function drawnIdentically(page: Page, png: Buffer, svg: string, reference: string): Promise<{ png: boolean; svg: boolean }> {
  return page.evaluate(
    async ({ pngBase64, svg, reference }) => {
      const pixels = (image: CanvasImageSource & { width: number; height: number }) => {
        const canvas = new OffscreenCanvas(image.width, image.height);
        const context = canvas.getContext('2d')!;
        context.fillStyle = '#ffffff';
        context.fillRect(0, 0, canvas.width, canvas.height);
        context.drawImage(image, 0, 0);
        return { width: image.width, height: image.height, data: new Uint32Array(context.getImageData(0, 0, canvas.width, canvas.height).data.buffer) };
      };
      const svgImage = async (text: string) => {
        const image = new Image();
        image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
        await image.decode();
        return Object.assign(image, { width: image.naturalWidth, height: image.naturalHeight });
      };
      const same = (a: ReturnType<typeof pixels>, b: ReturnType<typeof pixels>) => a.width === b.width && a.height === b.height && a.data.every((value, i) => value === b.data[i]);
      const bytes = Uint8Array.from(atob(pngBase64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }), { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
      const expected = pixels(await svgImage(reference));
      return { png: same(pixels(bitmap), expected), svg: same(pixels(await svgImage(svg)), expected) };
    },
    { pngBase64: png.toString('base64'), svg, reference },
  );
}

/** Pixels that differ beyond anti-aliasing, after checking both images have the same size. */
function differingPixels(actual: Buffer, reference: Buffer): number {
  const a = PNG.sync.read(actual);
  const b = PNG.sync.read(reference);
  expect({ width: a.width, height: a.height }).toEqual({ width: b.width, height: b.height });
  return pixelmatch(a.data, b.data, undefined, a.width, a.height, { threshold: COLOUR_THRESHOLD });
}

/** Exports the board open in `page` (the template `templateId` as it opened) and expects both images to draw as its reference. */
export async function expectExportsAsReference(page: Page, templateId: string): Promise<void> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.locator('label', { has: page.getByRole('radio', { name: '1x' }) }).click();
  await dialog.locator('label', { has: page.getByRole('radio', { name: 'White' }) }).click();
  const svg = (await download(page, 'Download SVG')).toString('utf8');
  const file = join(REFERENCE_DIR, `${templateId}.svg.gz`);
  if (UPDATE) {
    mkdirSync(REFERENCE_DIR, { recursive: true });
    writeFileSync(file, gzipSync(svg, { level: 9 }));
    return;
  }
  const png = await download(page, 'Download PNG');
  const referenceSvg = gunzipSync(readFileSync(file)).toString('utf8');
  const identical = await drawnIdentically(page, png, svg, referenceSvg);
  if (identical.png && identical.svg) return;
  const reference = await drawSvg(page, referenceSvg);
  if (!identical.png) expect(differingPixels(png, reference), 'PNG pixels unlike the reference').toBe(0);
  if (!identical.svg) expect(differingPixels(await drawSvg(page, svg), reference), 'SVG pixels unlike the reference').toBe(0);
}
