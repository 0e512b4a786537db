/**
 * `pnpm bench`: measures this library next to the SPA auth libraries people use today, in one run on
 * one machine: bundle size of the sign-in path, warm start, refresh fan-in across tabs, and the sign-in
 * round trip. Prints the tables and writes bench/results/latest.{json,md} and the README's table.
 * It is a program, not a test: it never fails on a number, only when it cannot run at all.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { API_CLIENT, POPUP_SIGN_IN, SIGN_IN_BUDGET_GZIP, SIGN_IN_PATHS } from './bundle/libraries.js';
import { measureBundle } from './bundle/measure.js';
import { runBrowserBenchmarks, type BrowserSettings } from './browser/run.js';
import { describeMachine, installedVersion } from './machine.js';
import { renderMarkdown } from './report.js';
import type { BenchResults, SizeRow } from './results.js';

/** Everything is bounded by its own timeouts; this is the backstop if something hangs anyway. */
const WATCHDOG_MS = 12 * 60_000;

const SETTINGS: BrowserSettings = {
  warmStartRuns: 30, // after 3 warm-up reloads
  signInRuns: 20,
  fanInTabs: [1, 5, 20],
  fanInRepeats: 3,
  refreshLeewaySeconds: 2,
};

const VERSIONED_PACKAGES = [
  '@telnyx-oauth/core',
  '@telnyx-oauth/react',
  'react',
  'react-oidc-context',
  'oidc-client-ts',
  '@axa-fr/react-oidc',
  '@auth0/auth0-react',
  '@azure/msal-react',
  '@azure/msal-browser',
  'esbuild',
  '@playwright/test',
];

const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${WATCHDOG_MS / 60_000} minutes; giving up`);
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

const startedAt = Date.now();
const machine = describeMachine();
const notes: string[] = [];

const sizes: SizeRow[] = [];
for (const subject of [...SIGN_IN_PATHS, POPUP_SIGN_IN, API_CLIENT]) {
  console.log(`bench: bundle size, ${subject.label}`);
  try {
    const size = await measureBundle(subject.entry);
    sizes.push({
      id: subject.id,
      label: subject.label,
      size: { ...size, contributors: size.contributors.slice(0, 10) },
      error: null,
    });
  } catch (error) {
    const message = (error as Error).message.split('\n').slice(0, 2).join(' ');
    sizes.push({ id: subject.id, label: subject.label, size: null, error: 'did not bundle' });
    notes.push(`${subject.label}: did not bundle: ${message}`);
  }
}

const { runs, browserVersion } = await runBrowserBenchmarks(SETTINGS, notes);
for (const library of runs?.libraries ?? []) {
  if (library.error) notes.push(`${library.label}: ${library.error}`);
  for (const fan of library.fanIn) {
    for (const error of fan.errors) notes.push(`${library.label}, fan-in ${fan.tabs} tab(s): ${error}`);
  }
  for (const error of new Set([...(library.signIn?.errors ?? []), ...(library.warmStart?.errors ?? [])])) {
    notes.push(`${library.label}: ${error}`);
  }
}

const versions: Record<string, string> = { 'telnyx-oauth commit': gitCommit() };
for (const name of VERSIONED_PACKAGES) versions[name] = await installedVersion(name);

const results: BenchResults = {
  date: new Date(startedAt).toISOString(),
  durationSeconds: Math.round((Date.now() - startedAt) / 1000),
  machine,
  browser: browserVersion,
  versions,
  sizes,
  budgetGzip: SIGN_IN_BUDGET_GZIP,
  browserRuns: runs,
  notes,
};

const markdown = renderMarkdown(results);
const resultsDir = new URL('../results/', import.meta.url);
await mkdir(resultsDir, { recursive: true });
await writeFile(new URL('latest.json', resultsDir), `${JSON.stringify(results, null, 2)}\n`);
await writeFile(new URL('latest.md', resultsDir), `# pnpm bench: latest results\n\n${markdown}`);
await updateReadme(markdown);
console.log(`\n${markdown}`);
console.log(`bench: wrote ${fileURLToPath(resultsDir)}latest.{json,md} in ${results.durationSeconds} s`);

/** Replaces the README's results section (between its markers) with this run's tables. */
async function updateReadme(section: string): Promise<void> {
  const readme = new URL('../README.md', import.meta.url);
  const start = '<!-- results:start -->';
  const end = '<!-- results:end -->';
  const text = await readFile(readme, 'utf8').catch(() => null);
  if (text === null || !text.includes(start) || !text.includes(end)) return;
  const before = text.slice(0, text.indexOf(start) + start.length);
  const after = text.slice(text.indexOf(end));
  const demoted = section.replace(/^## /gm, '### ');
  await writeFile(readme, `${before}\n\n${demoted}\n${after}`);
}

/** The commit the measured code came from (with "+changes" when the work tree differs from it). */
function gitCommit(): string {
  const benchDir = fileURLToPath(new URL('..', import.meta.url));
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: benchDir, encoding: 'utf8', timeout: 5_000 }).trim();
    const dirty = git('status', '--porcelain', '--', '../packages/core/src', '../packages/react/src') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? '+changes' : ''}`;
  } catch {
    return 'unknown';
  }
}
