import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as core from './index.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Every module index.ts reaches through relative imports (static or dynamic). */
function moduleGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = readFileSync(entry, 'utf8');
  for (const match of source.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const specifier = match[1] ?? '';
    moduleGraph(join(dirname(entry), specifier.replace(/\.js$/, '.ts')), seen);
  }
  return seen;
}

describe('package entry point', () => {
  it('exports the sign-in path', () => {
    expect(Object.keys(core).sort()).toEqual(
      [
        'DEFAULT_ISSUER',
        'LOADING_SNAPSHOT',
        'TelnyxAuthError',
        'createAuthFetch',
        'createSnapshotStore',
        'createIdbStorage',
        'createInMemoryLockManager',
        'createMemoryStorage',
        'createTelnyxAuth',
        'isTelnyxAuthError',
        'missingScopes',
        'parseScope',
        'sanitizeReturnTo',
      ].sort(),
    );
  });

  it('does not pull in the API client (src/api has its own entry point)', () => {
    const modules = [...moduleGraph(join(here, 'index.ts'))].map((file) => relative(here, file));
    expect(modules).toContain('client.ts');
    expect(modules.filter((file) => file.startsWith('api'))).toEqual([]);
  });

  it('does not pull in the popup opener nor the token-handler transport (their own entry points)', () => {
    const modules = [...moduleGraph(join(here, 'index.ts'))].map((file) => relative(here, file));
    expect(modules).not.toContain('popup.ts');
    expect(modules).not.toContain('token-handler.ts');
  });
});
