// Setup of the react-18 project: react-dom 18 is CommonJS and `require`s its `react` peer, which pnpm links
// to this package's React 19. Point those requires at the react-18 alias so both halves are React 18.
import Module from 'node:module';
import { dirname } from 'node:path';

const require = Module.createRequire(import.meta.url);
const react18 = dirname(require.resolve('react-18/package.json'));

type Resolve = (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (request, parent, ...rest) {
  const fromReactDom18 = parent?.filename?.includes('react-dom@18') ?? false;
  if (fromReactDom18 && (request === 'react' || request.startsWith('react/'))) {
    return resolve.call(this, request.replace(/^react/, react18), parent, ...rest);
  }
  return resolve.call(this, request, parent, ...rest);
};
