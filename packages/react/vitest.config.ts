import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'react',
    environment: 'happy-dom',
    env: { EXPECTED_REACT_MAJOR: '19' },
    setupFiles: ['fake-indexeddb/auto', './test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
  },
});
