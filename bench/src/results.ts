import type { BundleSize } from './bundle/measure.js';
import type { Machine } from './machine.js';
import type { FanInResult } from './scenarios/fan-in.js';
import type { SignInResult } from './scenarios/sign-in.js';
import type { WarmStartResult } from './scenarios/warm-start.js';

/** Everything one `pnpm bench` run measured; written as bench/results/latest.json. */
export interface BenchResults {
  readonly date: string;
  readonly durationSeconds: number;
  readonly machine: Machine;
  readonly browser: string | null;
  readonly versions: Readonly<Record<string, string>>;
  readonly sizes: readonly SizeRow[];
  /** The sign-in path's size goal, gzip bytes. */
  readonly budgetGzip: number;
  readonly browserRuns: BrowserRuns | null;
  /** Anything that kept a part from running (e.g. a package not there yet). */
  readonly notes: readonly string[];
}

export interface SizeRow {
  readonly id: string;
  readonly label: string;
  readonly size: BundleSize | null;
  readonly error: string | null;
}

export interface LibraryRuns {
  readonly id: string;
  readonly label: string;
  readonly signIn: SignInResult | null;
  readonly warmStart: WarmStartResult | null;
  readonly fanIn: readonly FanInResult[];
  readonly error: string | null;
}

export interface BrowserRuns {
  readonly settings: {
    readonly warmStartRuns: number;
    readonly signInRuns: number;
    readonly fanInTabs: readonly number[];
    readonly fanInRepeats: number;
    readonly refreshLeewaySeconds: number;
  };
  readonly libraries: readonly LibraryRuns[];
}
