import { build, type Metafile } from 'esbuild';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** React is the app's own dependency, so every library is measured without it. */
const REACT_EXTERNALS = ['react', 'react-dom', 'react/*', 'react-dom/*'];

export interface Contributor {
  /** A package name (`oauth4webapi`) or a workspace source file (`packages/core/src/refresh.ts`). */
  readonly name: string;
  /** Minified bytes it adds to the bundle (before compression). */
  readonly bytes: number;
}

export interface BundleSize {
  readonly minified: number;
  readonly gzip: number;
  readonly brotli: number;
  /** Biggest inputs first. */
  readonly contributors: readonly Contributor[];
}

/**
 * Bundles one entry the way an app's production build would (ESM, minified, tree-shaken, browser
 * conditions, NODE_ENV=production, React external) and compresses it with zlib. Every library goes
 * through exactly these settings, so the numbers compare. `external` leaves more packages out, to find
 * what one of them adds after compression.
 */
export async function measureBundle(
  entry: string,
  options: { external?: readonly string[] } = {},
): Promise<BundleSize> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: [...REACT_EXTERNALS, ...(options.external ?? [])],
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    metafile: true,
    write: false,
    outfile: 'bundle.js',
    logLevel: 'silent',
  });
  const output = result.outputFiles.find((file) => file.path.endsWith('.js'));
  if (!output) throw new Error(`esbuild produced no JavaScript for ${entry}`);
  const code = output.contents;
  return {
    minified: code.byteLength,
    gzip: gzipSync(code, { level: 9 }).byteLength,
    brotli: brotliCompressSync(code, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: code.byteLength },
    }).byteLength,
    contributors: contributorsOf(result.metafile),
  };
}

/** Groups the bundle's inputs by npm package; our own sources stay per file so a growth is easy to find. */
function contributorsOf(metafile: Metafile): Contributor[] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = contributorName(input);
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals]
    .filter(([, bytes]) => bytes > 0)
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes);
}

function contributorName(input: string): string {
  const inNodeModules = input.lastIndexOf('node_modules/');
  if (inNodeModules === -1) return input.replace(/^(\.\.\/)+/, '');
  const [first = input, second = ''] = input.slice(inNodeModules + 'node_modules/'.length).split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}
