import { gridBoard } from './lib/boards';
import { emptyPanePoint, importAsNewBoard, launchBrowser, middleNode, newAppContext } from './lib/browser';
import { startOurs } from './lib/servers';

/**
 * The compositor layers of the app's page in the middle of a canvas gesture (DevTools protocol
 * `LayerTree`): each layer's size, the element it belongs to and why Chrome made it a layer. Every
 * layer is composited in software on each frame here, so fewer is cheaper.
 *
 *   npx tsx bench/layers.ts --dist=<production build> [--nodes=100] [--gesture=drag|pan|rest] [--css=<style sheet>]
 *
 * Not part of `npm run bench`: a tool to see what a change to the page does to its layers.
 */
const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const dist = arg('dist', '');
const nodes = Number(arg('nodes', '100'));
const gesture = arg('gesture', 'drag');
/** --css=<style sheet>: injected once the board is drawn (to see what switching a part off does to the layers). */
const css = process.argv.find((a) => a.startsWith('--css='))?.slice('--css='.length);
if (!dist) throw new Error('usage: --dist=<build> [--nodes=100] [--gesture=drag|pan|rest]');

interface Layer {
  layerId: string;
  parentLayerId?: string;
  backendNodeId?: number;
  offsetX: number;
  offsetY: number;
  width: number;
  height: number;
  drawsContent: boolean;
  invisible?: boolean;
}

const browser = await launchBrowser();
const server = await startOurs({ staticDir: dist });
try {
  const context = await newAppContext(browser);
  const page = await context.newPage();
  await importAsNewBoard(page, server.httpUrl, gridBoard(nodes));
  if (css) await page.addStyleTag({ content: css });
  await page.waitForTimeout(1_000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('DOM.getDocument', { depth: -1 });
  await cdp.send('LayerTree.enable');
  let layers: Layer[] = [];
  cdp.on('LayerTree.layerTreeDidChange', (event: { layers?: Layer[] }) => {
    if (event.layers) layers = event.layers;
  });
  if (gesture !== 'rest') {
    const from = gesture === 'pan' ? await emptyPanePoint(page) : await middleNode(page);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) {
      await page.mouse.move(from.x + i * 4, from.y + i * 2);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    }
  } else await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.waitForTimeout(300);
  const drawn = layers.filter((l) => l.drawsContent && !l.invisible);
  console.log(`${nodes} nodes, ${gesture}: ${layers.length} layers, ${drawn.length} drawing content`);
  for (const layer of drawn) {
    let name = '';
    if (layer.backendNodeId) {
      try {
        const { nodeIds } = (await cdp.send('DOM.pushNodesByBackendIdsToFrontend', { backendNodeIds: [layer.backendNodeId] })) as { nodeIds: number[] };
        const { node } = (await cdp.send('DOM.describeNode', { nodeId: nodeIds[0]! })) as { node: { nodeName: string; attributes?: string[] } };
        const attrs = node.attributes ?? [];
        const cls = attrs[attrs.indexOf('class') + 1];
        name = `${node.nodeName.toLowerCase()}${attrs.includes('class') && cls ? '.' + cls.trim().split(/\s+/).join('.') : ''}`;
      } catch {
        name = `(node ${layer.backendNodeId})`;
      }
    }
    let reasons: string[] = [];
    try {
      reasons = ((await cdp.send('LayerTree.compositingReasons', { layerId: layer.layerId })) as { compositingReasons: string[] }).compositingReasons;
    } catch {
      /* a layer gone since */
    }
    console.log(`  ${Math.round(layer.width)}x${Math.round(layer.height)} at ${Math.round(layer.offsetX)},${Math.round(layer.offsetY)} ${name || '(anonymous)'}: ${reasons.join(', ')}`);
  }
  await page.mouse.up();
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
