import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'token-handler',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
