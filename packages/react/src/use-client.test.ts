// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = fileURLToPath(new URL('.', import.meta.url));

function shippedModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-utils' ? [] : shippedModules(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe("'use client'", () => {
  // React Server Components frameworks (Next.js app router) need the directive on every module that uses
  // hooks or context, and on the entry points that re-export them.
  it.each(
    shippedModules(srcDir)
      .filter(
        (path) =>
          /(\.tsx|index\.ts|\/use-[\w-]+\.ts)$/.test(path) ||
          readFileSync(path, 'utf8').includes("from 'react'"),
      )
      .map((path) => relative(srcDir, path)),
  )('is the first statement of %s', (path) => {
    expect(readFileSync(join(srcDir, path), 'utf8').startsWith("'use client';\n")).toBe(true);
  });
});
