import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// An ES module (.mts) in a CommonJS package: Vite loads it as ESM without a warning at every build.
const here = import.meta.dirname;

/** The web app, built into dist/web (or HOCBA_WEB_OUT) and served by the API at /. */
export default defineConfig({
  root: here,
  base: '/',
  build: {
    outDir: process.env.HOCBA_WEB_OUT ?? resolve(here, '../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    // One chunk per entry is enough at this size; the budget (300 KB gzipped) is checked by a test.
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      // The component kit marks its modules "use client" for server rendering, which this app has none of.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
