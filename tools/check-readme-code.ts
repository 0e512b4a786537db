/**
 * `pnpm check:readme`: the TypeScript in the READMEs compiles, so the docs cannot drift from the API.
 *
 * Every ```ts / ```tsx / ```typescript block of `README.md`, `packages/*\/README.md` and `apps/*\/README.md`
 * is one of:
 *  - a copy of an example app's file: its first line is `// apps/<example>/<path>` and the rest must equal
 *    that file exactly (the example app itself is typechecked, built and signed in to by `pnpm test`);
 *  - deliberately partial: its first line is `// partial` (a fragment with placeholders); not checked;
 *  - anything else: a complete module, typechecked. All of them are written to `tools/.readme-code/<readme>/`
 *    (git-ignored) and checked by one `tsc` run with the repository's strict settings, resolving the
 *    workspace packages. A block whose first line names a file (`// main.tsx`, `// app/layout.tsx`) is
 *    written under that name, so blocks of one README can import each other (`import { App } from './App'`).
 *    Blocks may import the reader's own components from `./components` (tools/readme-code/components.tsx:
 *    `Spinner`, `Settings`, ...); nothing else is declared for them.
 * Errors are reported at the README's own file and line.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { extractBlocks, type Block } from './readme-blocks.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'tools', '.readme-code');
const execFileAsync = promisify(execFile);

async function readmes(): Promise<string[]> {
  const found = ['README.md'];
  for (const parent of ['packages', 'apps']) {
    for (const entry of (await readdir(path.join(ROOT, parent))).sort()) {
      const file = path.join(parent, entry, 'README.md');
      if (existsSync(path.join(ROOT, file))) found.push(file);
    }
  }
  return found;
}

const slug = (readme: string) =>
  readme.replace(/\/README\.md$|README\.md$/, '').replace(/\//g, '-') || 'root';

async function main(): Promise<void> {
  const problems: string[] = [];
  let copies = 0;
  let partial = 0;
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  /** written file (relative to OUT) -> where it came from */
  const origins = new Map<string, Block>();

  for (const readme of await readmes()) {
    const blocks = extractBlocks(readme, await readFile(path.join(ROOT, readme), 'utf8'));
    const dir = path.join(OUT, slug(readme));
    await mkdir(dir, { recursive: true });
    await copyFile(
      path.join(ROOT, 'tools', 'readme-code', 'components.tsx'),
      path.join(dir, 'components.tsx'),
    );
    for (const block of blocks) {
      const [first = '', ...rest] = block.code.split('\n');
      const where = `${block.readme}:${block.line}`;
      if (/^\/\/ partial\b/.test(first)) {
        partial += 1;
        continue;
      }
      const copyOf = /^\/\/ (apps\/[\w./-]+)\s*$/.exec(first)?.[1];
      if (copyOf) {
        const file = path.join(ROOT, copyOf);
        if (!existsSync(file)) problems.push(`${where}: names ${copyOf}, which does not exist`);
        else if ((await readFile(file, 'utf8')).trim() !== rest.join('\n').trim())
          problems.push(
            `${where}: differs from ${copyOf}; the README recipe and the example app must be the same code ` +
              `(copy the file into the block, after its first line)`,
          );
        copies += 1;
        continue;
      }
      const named = /^\/\/ ([\w-]+(?:\/[\w[\].-]+)*\.tsx?)\b/.exec(first)?.[1];
      const extension = block.lang === 'tsx' ? 'tsx' : 'ts';
      const relative = path.join(slug(readme), named ?? `block-L${block.line}.${extension}`);
      if (origins.has(relative)) {
        problems.push(`${where}: a second block named ${named}; give it another file name`);
        continue;
      }
      origins.set(relative, block);
      await mkdir(path.dirname(path.join(OUT, relative)), { recursive: true });
      await writeFile(path.join(OUT, relative), `${block.code}\n`);
    }
  }

  await writeFile(
    path.join(OUT, 'tsconfig.json'),
    `${JSON.stringify(
      {
        extends: '../../tsconfig.json',
        compilerOptions: {
          module: 'ESNext',
          moduleResolution: 'Bundler',
          moduleDetection: 'force',
          noEmit: true,
          declaration: false,
          declarationMap: false,
          sourceMap: false,
          types: ['node'],
        },
        include: ['**/*.ts', '**/*.tsx'],
      },
      null,
      2,
    )}\n`,
  );

  const tsc = path.join(ROOT, 'node_modules', '.bin', 'tsc');
  let output = '';
  try {
    await execFileAsync(tsc, ['-p', path.join(OUT, 'tsconfig.json'), '--pretty', 'false'], {
      cwd: OUT,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    output = (error as { stdout?: string }).stdout ?? String(error);
  }
  for (const line of output.split('\n').filter(Boolean)) {
    // e.g. "packages-react/main.tsx(3,5): error TS2304: Cannot find name 'x'."
    const match = /^(.+?)\((\d+),(\d+)\): (.*)$/.exec(line);
    const block = match ? origins.get(path.normalize(match[1]!)) : undefined;
    if (match && block)
      problems.push(`${block.readme}:${block.line + Number(match[2]) - 1}:${match[3]}: ${match[4]}`);
    else problems.push(line);
  }

  const checked = origins.size;
  console.log(
    `README code: ${checked} blocks typechecked, ${copies} copies of example app files compared, ` +
      `${partial} marked // partial (not checked)`,
  );
  if (problems.length) {
    console.error(`\n${problems.length} problem(s) in README code blocks:`);
    for (const problem of problems) console.error(`  ${problem}`);
    process.exit(1);
  }
}

await main();
