import { readFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  /** 1-minute load average when the run started: above the core count, the times are noisy. */
  readonly loadAverage: number;
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10,
  };
}

const benchRoot = new URL('../', import.meta.url);

/** The installed version of a direct dependency of the bench package (pnpm links each one there). */
export async function installedVersion(name: string): Promise<string> {
  try {
    const path = fileURLToPath(new URL(`node_modules/${name}/package.json`, benchRoot));
    const { version } = JSON.parse(await readFile(path, 'utf8')) as { version?: string };
    return version ?? 'unknown';
  } catch {
    return 'not installed';
  }
}
