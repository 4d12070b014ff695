import * as z from 'zod/mini';
import { en } from 'zod/locales';

/**
 * Zod for everything the app and the server validate: its "mini" build, whose functions a bundler
 * keeps only when used, so the page's first download carries about 10 KB of it instead of zod's
 * 25 KB (docs/BENCHMARKS.md, load). Mini comes without messages; these are zod's English ones
 * ("Too big: expected string to have <=500 characters"), which the import dialog and the
 * inspector show.
 */
z.config(en());

export { z };
