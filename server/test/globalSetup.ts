import { bundleServer } from './serverBundle';

/** Vitest's global setup: one server bundle for the run, handed to the test workers through the environment (harness.ts). */
export default async function setup(): Promise<() => Promise<void>> {
  const bundle = await bundleServer();
  process.env.MLDB_SERVER_BUNDLE = bundle.entry;
  return () => bundle.remove();
}
