import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decodeBase64url } from './base64url.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const tsx = import.meta.resolve('tsx');

describe('telnyx-oauth-token-handler CLI', () => {
  it('generate-key prints a fresh 32-byte base64url key', async () => {
    const [a, b] = await Promise.all([
      run(process.execPath, ['--import', tsx, cli, 'generate-key'], { timeout: 30_000 }),
      run(process.execPath, ['--import', tsx, cli, 'generate-key'], { timeout: 30_000 }),
    ]);
    const key = a.stdout.trim();
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(decodeBase64url(key)).toHaveLength(32);
    expect(b.stdout.trim()).not.toBe(key);
  });

  it('prints usage for anything else, failing for an unknown command', async () => {
    await expect(
      run(process.execPath, ['--import', tsx, cli, 'nope'], { timeout: 30_000 }),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('generate-key'),
    });
  });
});
