/**
 * The API client is its own entry point: it must not pull in the sign-in runtime (oauth4webapi,
 * idb-keyval, the session code), and the sign-in entry must not pull in the API client. Only
 * `import type` may cross, and types vanish at build time. Both may use `src/shared`, the
 * dependency-free HTTP rules, and `src/names.ts` (the default issuer and the storage, lock and channel
 * names), which in turn import nothing at all.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const apiDir = dirname(fileURLToPath(import.meta.url));
const srcDir = resolve(apiDir, '..');
const sharedDir = join(srcDir, 'shared');
/** The names everything outside one realm meets under (default issuer, storage keys): dependency-free. */
const namesFile = join(srcDir, 'names.ts');
const inside = (dir: string, file: string, specifier: string): boolean =>
  specifier.startsWith('.') && resolve(dirname(file), specifier).startsWith(dir + '/');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-utils' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test(-d)?\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Runtime imports and re-exports: `import x from`, `export … from`, `import 'x'`, `import('x')`. */
function runtimeImports(code: string): string[] {
  const specifiers: string[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gm;
  for (const match of code.matchAll(statement)) {
    const isTypeOnly = match[2] !== undefined || /^\{\s*(type\s+[^,}]+,?\s*)+\}$/.test(match[3] ?? '');
    if (!isTypeOnly) specifiers.push(match[4]!);
  }
  for (const match of code.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) specifiers.push(match[1]!);
  for (const match of code.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) specifiers.push(match[1]!);
  return specifiers;
}

describe('entry points stay apart', () => {
  it('the API client imports nothing at runtime from outside src/api but the shared rules and names.ts', () => {
    const escapes = sourceFiles(apiDir).flatMap((file) =>
      runtimeImports(readFileSync(file, 'utf8'))
        .filter(
          (specifier) =>
            !inside(apiDir, file, specifier) &&
            !inside(sharedDir, file, specifier) &&
            resolve(dirname(file), specifier).replace(/\.js$/, '.ts') !== namesFile,
        )
        .map((specifier) => `${relative(srcDir, file)} → ${specifier}`),
    );
    expect(escapes).toEqual([]);
  });

  it('the shared rules import nothing at runtime but each other', () => {
    const escapes = sourceFiles(sharedDir).flatMap((file) =>
      runtimeImports(readFileSync(file, 'utf8'))
        .filter((specifier) => !inside(sharedDir, file, specifier))
        .map((specifier) => `${relative(srcDir, file)} → ${specifier}`),
    );
    expect(escapes).toEqual([]);
  });

  it('names.ts imports nothing at all', () => {
    expect(runtimeImports(readFileSync(namesFile, 'utf8'))).toEqual([]);
  });

  it('the sign-in runtime does not import the API client', () => {
    const signInFiles = sourceFiles(srcDir).filter((file) => !file.startsWith(apiDir + '/'));
    const reachesApi = signInFiles.flatMap((file) =>
      runtimeImports(readFileSync(file, 'utf8'))
        .filter(
          (specifier) => specifier.startsWith('.') && resolve(dirname(file), specifier).startsWith(apiDir),
        )
        .map((specifier) => `${relative(srcDir, file)} → ${specifier}`),
    );
    expect(reachesApi).toEqual([]);
  });

  it('detects what it should (guards the scanner itself)', () => {
    expect(
      runtimeImports("import { a } from '../client.js';\nimport type { B } from '../types.js';"),
    ).toEqual(['../client.js']);
    expect(runtimeImports("import { type A, type B } from './x.js';\nexport * from './y.js';")).toEqual([
      './y.js',
    ]);
    expect(existsSync(join(apiDir, 'index.ts'))).toBe(true);
  });
});
