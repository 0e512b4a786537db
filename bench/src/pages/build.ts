import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { BenchConfig } from './probe.js';

export type PageId = 'telnyx' | 'react-oidc-context';

/**
 * Bundles one bench page with React included, minified for production, and returns the files a
 * static server hands out: the page and its script.
 */
export async function buildPage(
  id: PageId,
  config: BenchConfig,
): Promise<Record<string, { body: string; type: string }>> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`./${id}.tsx`, import.meta.url))],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    outfile: 'app.js',
    logLevel: 'silent',
  });
  const script = result.outputFiles.find((file) => file.path.endsWith('.js'));
  if (!script) throw new Error(`esbuild produced no script for the ${id} page`);
  const html = [
    '<!doctype html><html><head><meta charset="utf-8"><title>bench</title>',
    `<script>window.__BENCH_CONFIG__=${JSON.stringify(config)}</script>`,
    '<script type="module" src="/app.js"></script></head>',
    '<body><div id="root"></div></body></html>',
  ].join('');
  return {
    '/index.html': { body: html, type: 'text/html; charset=utf-8' },
    '/app.js': { body: script.text, type: 'text/javascript; charset=utf-8' },
  };
}
