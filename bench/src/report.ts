import { kb, markdownTable, ms, ratio } from './format.js';
import type { BenchResults, LibraryRuns } from './results.js';
import type { FanInResult } from './scenarios/fan-in.js';
import { summarize, type Summary } from './stats.js';

const OURS = 'telnyx';
const MAIN_PEER = 'react-oidc-context';
const TIMING_HEADERS = ['library', 'median', 'p90', 'min', 'ours ÷ it'];

const median = (summary: Summary | null | undefined): number | null => summary?.median ?? null;
const count = (summary: Summary | null | undefined): string =>
  summary ? `${summary.median} (max ${summary.max})` : '–';

/** "median (max)" of the time from the first refresh answer to the last tab updated; a dash when a run never got there. */
function lastTab(fans: readonly FanInResult[]): string {
  if (fans.length === 0) return '–';
  const times = fans.map((fan) => fan.allTabsUpdatedMs);
  const reached = times.filter((time): time is number => time !== null);
  if (reached.length < times.length)
    return `– (${times.length - reached.length} of ${times.length} runs never)`;
  const summary = summarize(reached);
  return summary ? `${ms(summary.median)} (${ms(summary.max)})` : '–';
}

/** The results as Markdown: headline ratios first, then one table per measurement. */
export function renderMarkdown(results: BenchResults): string {
  return [
    '## Headline (ours ÷ theirs; below 1 means ours is smaller or faster)',
    '',
    headline(results),
    '',
    `## Bundle size of the sign-in path (esbuild, minified, React external; goal ${kb(results.budgetGzip)} gzip)`,
    '',
    sizeTable(results),
    '',
    ...browserSections(results),
    '## Setup',
    '',
    setupTable(results),
    ...(results.notes.length > 0 ? ['', '## Notes', '', ...results.notes.map((note) => `- ${note}`)] : []),
    '',
  ].join('\n');
}

/** Our other size rows (the popup-using path, the API client alone): not compared with the peers. */
const OUR_OTHER_ROWS = new Set(['telnyx-popup', 'telnyx-api']);

function headline(results: BenchResults): string {
  const lines: string[] = [];
  const ours = results.sizes.find((row) => row.id === OURS)?.size;
  if (ours) {
    const peers = results.sizes.filter((row) => row.id !== OURS && !OUR_OTHER_ROWS.has(row.id) && row.size);
    const against = peers.map((row) => `${ratio(ours.gzip, row.size?.gzip)} ${row.label}`).join(', ');
    lines.push(`- Sign-in path: ${kb(ours.gzip)} gzip = ${against}.`);
  } else {
    lines.push('- Sign-in path: not measured (see notes).');
  }
  const runs = results.browserRuns?.libraries ?? [];
  const us = runs.find((run) => run.id === OURS);
  const peer = runs.find((run) => run.id === MAIN_PEER);
  if (us && peer) {
    lines.push(
      `- Warm start (reload with a stored session): ${ms(median(us.warmStart?.ms))} vs ${ms(median(peer.warmStart?.ms))} ` +
        `= ${ratio(median(us.warmStart?.ms), median(peer.warmStart?.ms))}; from the app's start ` +
        `${ms(median(us.warmStart?.restoreMs))} vs ${ms(median(peer.warmStart?.restoreMs))} ` +
        `= ${ratio(median(us.warmStart?.restoreMs), median(peer.warmStart?.restoreMs))}; auth-server requests per reload ` +
        `${count(us.warmStart?.authServerRequests)} vs ${count(peer.warmStart?.authServerRequests)}.`,
    );
    for (const tabs of results.browserRuns?.settings.fanInTabs ?? []) {
      const ourRuns = us.fanIn.filter((run) => run.tabs === tabs);
      const theirRuns = peer.fanIn.filter((run) => run.tabs === tabs);
      if (ourRuns.length === 0 || theirRuns.length === 0) continue;
      const most = (list: readonly FanInResult[], pick: (run: FanInResult) => number) =>
        Math.max(...list.map(pick));
      lines.push(
        `- Refresh fan-in, ${tabs} tab(s), worst of ${ourRuns.length} runs: ` +
          `${most(ourRuns, (r) => r.refreshRequests)} vs ${most(theirRuns, (r) => r.refreshRequests)} refresh request(s); ` +
          `tabs signed out ${most(ourRuns, (r) => r.tabsSignedOut)}/${tabs} vs ${most(theirRuns, (r) => r.tabsSignedOut)}/${tabs} ` +
          `(invalid_grant ${most(ourRuns, (r) => r.invalidGrant)} vs ${most(theirRuns, (r) => r.invalidGrant)}); ` +
          `last tab updated ${lastTab(ourRuns)} vs ${lastTab(theirRuns)} after the first refresh answer.`,
      );
    }
    lines.push(
      `- Sign-in round trip: ${ms(median(us.signIn?.ms))} vs ${ms(median(peer.signIn?.ms))} ` +
        `= ${ratio(median(us.signIn?.ms), median(peer.signIn?.ms))}.`,
    );
  } else if (!results.browserRuns) {
    lines.push('- Browser measurements: not run (see notes).');
  }
  return lines.join('\n');
}

function sizeTable(results: BenchResults): string {
  const ours = results.sizes.find((row) => row.id === OURS)?.size;
  return markdownTable(
    ['library', 'minified', 'gzip', 'brotli', 'ours ÷ it (gzip)', 'largest part'],
    results.sizes.map((row) => {
      if (!row.size) return [row.label, '–', '–', '–', '–', row.error ?? 'not measured'];
      const largest = row.size.contributors[0];
      return [
        row.label,
        kb(row.size.minified),
        kb(row.size.gzip),
        kb(row.size.brotli),
        row.id === OURS || OUR_OTHER_ROWS.has(row.id) ? '–' : ratio(ours?.gzip, row.size.gzip),
        largest ? `${largest.name} (${kb(largest.bytes)} min)` : '–',
      ];
    }),
  );
}

function browserSections(results: BenchResults): string[] {
  const runs = results.browserRuns;
  if (!runs) return [];
  const libraries = runs.libraries;
  const us = libraries.find((run) => run.id === OURS);
  const vs = (value: number | null, pick: (run: LibraryRuns) => number | null, run: LibraryRuns) =>
    run.id === OURS || !us ? '–' : ratio(pick(us), value);
  const restore = (run: LibraryRuns) => median(run.warmStart?.restoreMs);
  /** The first cells of a timing table (under TIMING_HEADERS): the library, median, p90, min and ours ÷ it. */
  const timing = (run: LibraryRuns, pick: (run: LibraryRuns) => Summary | null | undefined) => [
    run.label,
    ms(median(pick(run))),
    ms(pick(run)?.p90),
    ms(pick(run)?.min),
    vs(median(pick(run)), (each) => median(pick(each)), run),
  ];
  return [
    `## Warm start: navigation to isAuthenticated on reload with a stored valid session (${runs.settings.warmStartRuns} runs)`,
    '',
    markdownTable(
      [
        ...TIMING_HEADERS,
        'app start → signed in (median)',
        'ours ÷ it (app start)',
        'auth-server requests per reload',
        'failed runs',
      ],
      libraries.map((run) => [
        ...timing(run, (each) => each.warmStart?.ms),
        ms(restore(run)),
        vs(restore(run), restore, run),
        count(run.warmStart?.authServerRequests),
        String(run.warmStart?.failures ?? '–'),
      ]),
    ),
    '',
    `## Refresh fan-in: N tabs, one session, the access token expires in all at once (rotation on; refresh ${runs.settings.refreshLeewaySeconds} s before expiry; ${runs.settings.fanInRepeats} runs each, values per run)`,
    '',
    markdownTable(
      [
        'library',
        'tabs',
        'refresh requests',
        'invalid_grant',
        'reuse detected',
        'tabs with new token',
        'tabs signed out',
        'tabs ≤100 ms after answer',
        'last tab after answer: median (max)',
        'last tab after expiry (median)',
      ],
      libraries.flatMap((run) =>
        runs.settings.fanInTabs.map((tabs) => {
          const fans = run.fanIn.filter((fan) => fan.tabs === tabs);
          const each = (pick: (fan: FanInResult) => number) => fans.map(pick).join(' · ') || '–';
          return [
            run.label,
            String(tabs),
            each((fan) => fan.refreshRequests),
            each((fan) => fan.invalidGrant),
            each((fan) => fan.reuseDetected),
            each((fan) => fan.tabsUpdated),
            each((fan) => fan.tabsSignedOut),
            each((fan) => fan.tabsWithin100Ms),
            lastTab(fans),
            ms(median(summarize(fans.flatMap((fan) => fan.lastUpdateAfterExpiryMs ?? [])))),
          ];
        }),
      ),
    ),
    '',
    `## Sign-in round trip: click to signed in, auto-consent (${runs.settings.signInRuns} runs, fresh context each)`,
    '',
    markdownTable(
      [
        ...TIMING_HEADERS,
        'before redirect / redirects / callback page (medians)',
        'auth-server requests',
        'failed runs',
      ],
      libraries.map((run) => [
        ...timing(run, (each) => each.signIn?.ms),
        [run.signIn?.phases.beforeRedirect, run.signIn?.phases.redirects, run.signIn?.phases.callbackPage]
          .map((phase) => ms(median(phase)))
          .join(' / '),
        count(run.signIn?.authServerRequests),
        String(run.signIn?.failures ?? '–'),
      ]),
    ),
    '',
  ];
}

function setupTable(results: BenchResults): string {
  const { machine } = results;
  return markdownTable(
    ['what', 'value'],
    [
      ['date', results.date],
      ['cpu', `${machine.cpu} (${machine.cores} cores)`],
      ['memory', `${machine.memoryGiB} GiB`],
      ['os / node', `${machine.os} / ${machine.node}`],
      ['load average at start (1 min)', String(machine.loadAverage)],
      ['browser', results.browser ?? '–'],
      ['run time', `${results.durationSeconds} s`],
      ...Object.entries(results.versions).map(([name, version]) => [name, version]),
    ],
  );
}
