import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { defineConfig } from 'vitest/config';

// The same suite on React 18 (the low end of the peer range): `react` and `react-dom` resolve to the
// react-18 / react-dom-18 aliases, and Testing Library's ESM build is inlined so that it uses them too.
const require = createRequire(import.meta.url);
const react18 = dirname(require.resolve('react-18/package.json'));
const reactDom18 = dirname(require.resolve('react-dom-18/package.json'));
const testingLibrary = dirname(require.resolve('@testing-library/react/package.json'));

export default defineConfig({
  resolve: {
    alias: [
      {
        find: /^@testing-library\/react$/,
        replacement: `${testingLibrary}/dist/@testing-library/react.esm.js`,
      },
      { find: /^react$/, replacement: `${react18}/index.js` },
      { find: /^react\/(.*)$/, replacement: `${react18}/$1` },
      { find: /^react-dom$/, replacement: `${reactDom18}/index.js` },
      { find: /^react-dom\/(.*)$/, replacement: `${reactDom18}/$1` },
    ],
  },
  test: {
    name: 'react-18',
    environment: 'happy-dom',
    env: { EXPECTED_REACT_MAJOR: '18' },
    setupFiles: ['./test/react18-resolve.ts', 'fake-indexeddb/auto', './test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    exclude: ['src/bundle.test.ts'],
    server: { deps: { inline: [/@testing-library/] } },
  },
});
