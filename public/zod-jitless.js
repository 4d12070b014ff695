// The app's Content-Security-Policy forbids eval (script-src 'self', server/http.ts). Zod compiles
// object parsers with `new Function` where it may, and finds out whether it may by trying once as
// each object schema is built, which the browser reports as a policy violation. Zod reads its
// configuration from this global (zod/v4/core, `z.config`); a classic script sets it before any
// module runs, since schemas are built as their modules load. e2e/csp.spec.ts fails if it stops working.
globalThis.__zod_globalConfig = { jitless: true };
