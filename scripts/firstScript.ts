import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Builds the module script `src` (as index.html names it, e.g. /src/app/startEarly.ts) as an entry
 * of its own, loaded before the app's entry, instead of into the app's entry chunk with the page's
 * other module scripts (Vite makes one entry of an HTML page's module scripts). The browser then
 * fetches and runs it without waiting for the app's chunk. Modules both entries import go in a
 * chunk they share (see ./initialChunk.ts), so they are the same instances for both.
 */
export function firstScript(src: string): Plugin[] {
  const tag = `<script type="module" src="${src}"></script>`;
  let root = process.cwd();
  let id = '';
  return [
    {
      name: 'first-script',
      apply: 'build',
      configResolved(config) {
        root = config.root;
      },
      buildStart() {
        id = resolve(root, `.${src}`);
        this.emitFile({ type: 'chunk', id });
      },
      // Before Vite reads the page's scripts into its entry.
      transformIndexHtml: {
        order: 'pre',
        handler(html) {
          if (!html.includes(tag)) throw new Error(`first-script: index.html has no ${tag}`);
          return html.replace(tag, '');
        },
      },
    },
    {
      name: 'first-script-tag',
      apply: 'build',
      transformIndexHtml: {
        order: 'post',
        handler(_html, { bundle }) {
          const chunk = Object.values(bundle ?? {}).find((file) => file.type === 'chunk' && file.facadeModuleId === id);
          if (!chunk) throw new Error(`first-script: no chunk for ${src}`);
          return [{ tag: 'script', attrs: { type: 'module', crossorigin: true, src: `/${chunk.fileName}` }, injectTo: 'head-prepend' }];
        },
      },
    },
  ];
}
