import { defineConfig } from 'vitest/config';

// Each package owns its environment (node + fake-indexeddb for core, happy-dom for react);
// the root only lists them so `pnpm test:unit` runs every suite in one process tree.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'packages/react/vitest.react18.config.ts'],
  },
});
