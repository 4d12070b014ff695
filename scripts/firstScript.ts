import { resolve } from 'node:path';
import { build, type Plugin, type Rollup } from 'vite';

/**
 * Puts the module script `src` (as index.html names it, e.g. /src/app/startEarly.ts), bundled with
 * what it imports, into the built page in its place as a classic inline script: the browser
 * runs it as it parses the page, before any script is fetched. A script of its own would wait for its
 * download and its imports, and run only once the page was parsed. The server allows it by its hash
 * (server/http.ts). The modules it imports are copies of the app's: what the two must share goes
 * through the window. `npm run dev` loads it as the module script index.html names.
 */
export function firstScript(src: string): Plugin {
  const tag = `<script type="module" src="${src}"></script>`;
  let root = process.cwd();
  return {
    name: 'first-script',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    // Before Vite reads the page's module scripts into its entry.
    transformIndexHtml: {
      order: 'pre',
      async handler(html) {
        if (!html.includes(tag)) throw new Error(`first-script: index.html has no ${tag}`);
        const code = await classicScript(resolve(root, `.${src}`));
        return html.replace(tag, () => `<script>${code}</script>`);
      },
    },
  };
}

/** The module `entry` and its imports as one minified script that runs without modules. */
async function classicScript(entry: string): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    build: { write: false, minify: true, copyPublicDir: false, rolldownOptions: { input: entry, output: { format: 'iife' } } },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunks = outputs.flatMap((output) => output.output).filter((file) => file.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`first-script: ${entry} built into ${chunks.length} chunks, not one`);
  const code = chunks[0]!.code.trim();
  if (/<\/script/i.test(code)) throw new Error(`first-script: ${entry} holds "</script", which would end the inline script`);
  return code;
}
