import type { Plugin } from 'vite';

/** lib0's modules that build schemas as they load (lib0/dom.js builds four, lib0/schema.js dozens). */
const SCHEMA_MODULES = /[\\/]node_modules[\\/]lib0[\\/](dom|schema)\.js$/;

/** lib0/schema's constructors, called bare in schema.js and as `$.$custom(...)` in dom.js. */
const CONSTRUCTOR_CALL = /(?<![\w$.])((?:\$\.)?\$(?:custom|constructedBy|literal|union|instanceOf)\()/g;

/**
 * Marks lib0's schema constructors pure, so a bundle keeps only the schemas it uses. yjs imports
 * lib0/logging, which imports lib0/dom, which builds schemas at load with lib0/schema: nothing the
 * page runs reads them, yet as calls they counted as side effects and kept lib0/schema (2 kB
 * gzipped) in the board page's first download (docs/BENCHMARKS.md, load). The constructors only make
 * objects, so dropping a call whose result is unused changes nothing.
 */
export function pureLib0Schemas(): Plugin {
  return {
    name: 'pure-lib0-schemas',
    apply: 'build',
    transform: {
      filter: { id: SCHEMA_MODULES },
      handler: (code) => ({ code: code.replace(CONSTRUCTOR_CALL, '/* @__PURE__ */ $1'), map: null }),
    },
  };
}
