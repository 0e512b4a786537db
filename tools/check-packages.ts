/**
 * `pnpm check:packages`: checks what npm users would get, from the packed tarballs (never the workspace's
 * `src` exports).
 *
 *  1. builds every package from a clean `dist` (a stale file of a renamed module would otherwise ship);
 *  2. packs every publishable package (`packages/*` without `"private": true`) with `pnpm pack`, which applies
 *     `publishConfig` (dist exports, bin) and pins `workspace:` dependencies;
 *  3. publint (strict: warnings fail too, suggestions are reported and fail unless explained in ALLOWED);
 *  4. attw `--profile esm-only` (the packages are ESM-only: CommonJS `require` and node10 are not goals);
 *  5. `npm publish --dry-run` of each tarball: the files it would upload are exactly what `files` selects, no
 *     test file or test helper ships, every export/bin target and every source map's sources are inside,
 *     and no `workspace:` range is left;
 *  6. a smoke app outside the workspace (the React README's quick start, plus tools/smoke-app): `npm install`
 *     of the tarballs into a fresh Vite + React app,
 *     `tsc` with `skipLibCheck: false` (browser, bundler resolution; and Node, NodeNext), `vite build`, then
 *     plain Node imports every entry and runs the dev server, and the dev server's bin prints its help.
 *
 * Flags: `--no-smoke` skips step 6, `--keep` keeps the temporary folders (their paths are printed).
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { extractBlocks } from './readme-blocks.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const SMOKE = !args.has('--no-smoke');
const KEEP = args.has('--keep');

/** publint messages that are accepted, by package and code, each with the reason. Keep this empty if you can. */
const ALLOWED: ReadonlyArray<{ pkg: string; code: string; why: string }> = [];

/** Files npm always puts in a tarball, whatever `files` says. */
const ALWAYS_PACKED = /^(package\.json|README(\.[^/]*)?|LICEN[CS]E(\.[^/]*)?)$/i;
/** Never in a tarball, whatever `files` says. */
const NEVER_PACKED = [/\.test\.tsx?$/, /(^|\/)test-utils\//, /\.tsbuildinfo$/, /(^|\/)\.env/];

interface Workspace {
  name: string;
  version: string;
  dir: string;
  manifest: PackageJson;
}

interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  files?: string[];
  exports?: unknown;
  bin?: string | Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  publishConfig?: { exports?: unknown; bin?: string | Record<string, string>; access?: string };
  [key: string]: unknown;
}

const failures: string[] = [];
const timings: string[] = [];

function fail(where: string, message: string): void {
  failures.push(`${where}: ${message}`);
  console.error(`  ✗ ${message}`);
}

function heading(text: string): void {
  console.log(`\n\u001b[1m${text}\u001b[0m`);
}

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await run();
  } finally {
    timings.push(`${label}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  }
}

const execFileAsync = promisify(execFile);

function cleanEnv(overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries({ ...process.env, ...overrides }).filter(([, value]) => value !== undefined),
  );
}

/** Runs a command, streaming its output; rejects with the command line when it exits non-zero. */
function run(
  command: string,
  argv: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, {
      cwd: options.cwd,
      env: cleanEnv(options.env ?? {}),
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            new Error(`\`${command} ${argv.join(' ')}\` in ${options.cwd} exited with ${code ?? signal}`),
          ),
    );
  });
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

async function publishablePackages(): Promise<Workspace[]> {
  const found: Workspace[] = [];
  for (const entry of (await readdir(path.join(ROOT, 'packages'))).sort()) {
    const dir = path.join(ROOT, 'packages', entry);
    const file = path.join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = await readJson<PackageJson>(file);
    if (manifest.private) continue;
    found.push({ name: manifest.name, version: manifest.version, dir, manifest });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// `files` semantics (the subset used here): a path or directory includes everything under it; `!pattern`
// excludes; `*` matches within a path segment and `**` across segments.

function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index]!;
    if (char === '*' && pattern[index + 1] === '*') {
      source += '(?:.*/)?';
      index += pattern[index + 2] === '/' ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A pattern names a file, or a directory and everything under it.
  return new RegExp(`^${source.replace(/\/$/, '')}(?:/.*)?$`);
}

function selectedByFiles(file: string, files: readonly string[]): boolean {
  let selected = false;
  for (const entry of files) {
    const negated = entry.startsWith('!');
    const pattern = globToRegExp((negated ? entry.slice(1) : entry).replace(/^\.\//, ''));
    if (pattern.test(file)) selected = !negated;
  }
  return selected;
}

async function walk(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full, base)));
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

function exportTargets(exports: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof exports === 'string') into.add(exports.replace(/^\.\//, ''));
  else if (exports && typeof exports === 'object')
    for (const value of Object.values(exports)) exportTargets(value, into);
  return into;
}

// ---------------------------------------------------------------------------------------------------------

async function build(packages: Workspace[]): Promise<void> {
  heading('Build (clean dist)');
  for (const pkg of packages) await rm(path.join(pkg.dir, 'dist'), { recursive: true, force: true });
  await run('pnpm', ['-r', '--filter', './packages/*', 'build'], { cwd: ROOT });
}

async function pack(pkg: Workspace, destination: string): Promise<string> {
  const { stdout } = await execFileAsync('pnpm', ['pack', '--json', '--pack-destination', destination], {
    cwd: pkg.dir,
    maxBuffer: 32 * 1024 * 1024,
  });
  const result = JSON.parse(stdout) as { filename: string };
  return result.filename;
}

async function runPublint(pkg: Workspace, tarball: string): Promise<void> {
  const data = await readFile(tarball);
  const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  const { messages, pkg: packed } = await publint({
    pack: { tarball: buffer },
    level: 'suggestion',
    strict: true,
  });
  let reported = 0;
  for (const message of messages) {
    const text = formatMessage(message, packed, { color: false }) ?? message.code;
    const allowed = ALLOWED.find((entry) => entry.pkg === pkg.name && entry.code === message.code);
    if (allowed) console.log(`  publint ${message.type} ${message.code} (accepted: ${allowed.why}): ${text}`);
    else {
      fail(pkg.name, `publint ${message.type} ${message.code}: ${text}`);
      reported += 1;
    }
  }
  if (reported === 0) console.log(`  ✓ publint (strict): no errors, warnings or suggestions`);
}

async function runAttw(pkg: Workspace, tarball: string): Promise<void> {
  const attw = path.join(ROOT, 'node_modules', '.bin', 'attw');
  // Stylesheets in `exports` are files, not modules: attw would look for their types. checkContents checks they
  // are in the tarball, and the smoke app resolves and reads them.
  const stylesheets = Object.keys((pkg.manifest.exports ?? {}) as Record<string, unknown>).filter((subpath) =>
    subpath.endsWith('.css'),
  );
  try {
    const { stdout } = await execFileAsync(
      attw,
      [
        tarball,
        '--profile',
        'esm-only',
        '--format',
        'table-flipped',
        '--no-color',
        '--no-emoji',
        ...(stylesheets.length ? ['--exclude-entrypoints', ...stylesheets] : []),
      ],
      { cwd: ROOT, maxBuffer: 8 * 1024 * 1024 },
    );
    const rows = stdout.split('\n').filter((line) => /^│\s*"@/.test(line));
    console.log(`  ✓ attw --profile esm-only (columns: node16 from ESM, bundler, node10, node16 from CJS):`);
    for (const row of rows) console.log(`      ${row.replace(/\s+/g, ' ').replace(/^│ | │$/g, '')}`);
    if (stylesheets.length) console.log(`      (stylesheets, not modules: ${stylesheets.join(', ')})`);
  } catch (error) {
    const output = (error as { stdout?: string }).stdout ?? String(error);
    console.error(output);
    fail(pkg.name, 'attw --profile esm-only found problems (table above)');
  }
}

interface DryRunResult {
  files: Array<{ path: string }>;
}

async function checkContents(pkg: Workspace, tarball: string, unpacked: string): Promise<void> {
  // What `npm publish` would upload: its dry run reads the tarball and lists every file.
  const { stdout } = await execFileAsync(
    'npm',
    ['publish', tarball, '--dry-run', '--json', '--access', 'public', '--loglevel', 'error'],
    { cwd: path.dirname(tarball), maxBuffer: 32 * 1024 * 1024 },
  );
  const report = JSON.parse(stdout) as Record<string, DryRunResult> | DryRunResult;
  const dryRun = 'files' in report ? (report as DryRunResult) : Object.values(report)[0]!;
  const published = new Set(dryRun.files.map((file) => file.path));

  const files = pkg.manifest.files;
  if (!files?.length) {
    fail(pkg.name, '`files` is missing: without it npm publishes the whole folder');
    return;
  }
  const selected = (await walk(pkg.dir)).filter(
    (file) => selectedByFiles(file, files) && !NEVER_PACKED.some((rule) => rule.test(file)),
  );
  const expected = new Set([...selected, ...[...published].filter((file) => ALWAYS_PACKED.test(file))]);
  const missing = [...expected].filter((file) => !published.has(file));
  const extra = [...published].filter((file) => !expected.has(file));
  for (const file of missing) fail(pkg.name, `\`files\` selects ${file} but the tarball lacks it`);
  for (const file of extra) fail(pkg.name, `the tarball has ${file}, which \`files\` does not select`);
  for (const file of published)
    if (NEVER_PACKED.some((rule) => rule.test(file)))
      fail(pkg.name, `the tarball ships ${file} (a test file)`);
  for (const entry of files.filter((file) => !file.startsWith('!') && !/[*?]/.test(file)))
    if (![...published].some((file) => file === entry || file.startsWith(`${entry.replace(/\/$/, '')}/`)))
      fail(pkg.name, `\`files\` lists ${entry} but nothing of it is in the tarball`);

  const manifest = await readJson<PackageJson>(path.join(unpacked, 'package.json'));
  for (const target of exportTargets(manifest.exports))
    if (!published.has(target)) fail(pkg.name, `exports point to ${target}, which is not in the tarball`);
  if (
    [...exportTargets(manifest.exports)].some((target) => /\.tsx?$/.test(target) && !target.endsWith('.d.ts'))
  )
    fail(pkg.name, 'the packed exports still point to TypeScript sources (publishConfig.exports missing?)');
  const bins = typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {});
  for (const bin of bins) {
    const target = bin.replace(/^\.\//, '');
    if (!published.has(target)) fail(pkg.name, `bin ${target} is not in the tarball`);
    else if (!(await readFile(path.join(unpacked, target), 'utf8')).startsWith('#!/usr/bin/env node'))
      fail(pkg.name, `bin ${target} lacks a #!/usr/bin/env node line`);
    else if (((await stat(path.join(unpacked, target))).mode & 0o111) === 0)
      fail(pkg.name, `bin ${target} is not executable`);
  }
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'] as const)
    for (const [name, range] of Object.entries(manifest[field] ?? {}))
      if (range.startsWith('workspace:')) fail(pkg.name, `${field}.${name} is still ${range}`);

  // Source maps (and declaration maps) must point at files that ship, or debuggers and Vite warn.
  let maps = 0;
  for (const file of [...published].filter((name) => name.endsWith('.map'))) {
    const map = await readJson<{ sources?: string[]; sourceRoot?: string }>(path.join(unpacked, file));
    for (const source of map.sources ?? []) {
      const resolved = path.posix.normalize(
        path.posix.join(path.posix.dirname(file), map.sourceRoot ?? '', source),
      );
      if (!published.has(resolved)) {
        fail(pkg.name, `${file} maps to ${resolved}, which is not in the tarball`);
        break;
      }
    }
    maps += 1;
  }
  const sizeKb = ((await stat(tarball)).size / 1024).toFixed(1);
  if (!failures.some((line) => line.startsWith(`${pkg.name}:`)))
    console.log(
      `  ✓ npm publish --dry-run: ${published.size} files (${sizeKb} KB packed), exactly what \`files\` selects; ` +
        `${exportTargets(manifest.exports).size} export targets, ${bins.length} bin, ${maps} maps resolve`,
    );
}

// ---------------------------------------------------------------------------------------------------------

async function workspaceVersion(packageDir: string, name: string): Promise<string> {
  const manifest = await readJson<PackageJson & { devDependencies?: Record<string, string> }>(
    path.join(ROOT, packageDir, 'package.json'),
  );
  const range = manifest.dependencies?.[name] ?? manifest.devDependencies?.[name];
  if (!range) throw new Error(`${packageDir}/package.json has no ${name}`);
  return range;
}

async function smokeTest(tarballs: Map<string, string>): Promise<void> {
  heading('Smoke test: a fresh Vite + React app outside the workspace, installed from the tarballs');
  const app = await mkdtemp(path.join(tmpdir(), 'telnyx-oauth-smoke-'));
  try {
    await cp(path.join(ROOT, 'tools', 'smoke-app'), app, { recursive: true });
    // The app is the React README's quick start, as a new user copies it: its `// main.tsx` and `// App.tsx`.
    const readme = 'packages/react/README.md';
    const blocks = extractBlocks(readme, await readFile(path.join(ROOT, readme), 'utf8'));
    for (const name of ['main.tsx', 'App.tsx']) {
      const block = blocks.find((candidate) => candidate.code.startsWith(`// ${name}\n`));
      if (!block) throw new Error(`${readme} has no quick start block starting with "// ${name}"`);
      await writeFile(path.join(app, 'src', name), `${block.code}\n`);
    }
    const local = Object.fromEntries([...tarballs].map(([name, file]) => [name, `file:${file}`]));
    const manifest = {
      name: 'telnyx-oauth-smoke-app',
      private: true,
      type: 'module',
      dependencies: {
        ...local,
        react: await workspaceVersion('apps/demo', 'react'),
        'react-dom': await workspaceVersion('apps/demo', 'react-dom'),
      },
      devDependencies: {
        '@types/react': await workspaceVersion('apps/demo', '@types/react'),
        '@types/react-dom': await workspaceVersion('apps/demo', '@types/react-dom'),
        '@types/node': await workspaceVersion('.', '@types/node'),
        typescript: await workspaceVersion('.', 'typescript'),
        vite: await workspaceVersion('apps/demo', 'vite'),
        '@vitejs/plugin-react': await workspaceVersion('apps/demo', '@vitejs/plugin-react'),
      },
      // The packed packages depend on each other by version (e.g. react -> core 0.1.0): use the local
      // tarballs for those too, never a registry copy.
      overrides: Object.fromEntries([...tarballs.keys()].map((name) => [name, `$${name}`])),
    };
    await writeFile(path.join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    // npm's own cache is reused between runs (--prefer-offline); the app is outside the workspace, so no
    // workspace .npmrc or hoisted node_modules can hide a missing dependency.
    // pnpm passes its own npm_config_* settings down, which npm does not know: keep only npm's network ones.
    const keep = /^npm_config_(registry|cache|userconfig|proxy|https_proxy|noproxy|strict_ssl|cafile)$/i;
    const env: NodeJS.ProcessEnv = { npm_config_update_notifier: 'false' };
    for (const key of Object.keys(process.env))
      if (/^npm_config_/i.test(key) && !keep.test(key)) env[key] = undefined;
    const step = (label: string, command: string, argv: string[]) =>
      timed(`smoke: ${label}`, async () => {
        console.log(`\n$ ${command} ${argv.join(' ')}`);
        await run(command, argv, { cwd: app, env });
      });
    await step('npm install', 'npm', [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
    ]);
    const bin = (name: string) => path.join(app, 'node_modules', '.bin', name);
    await step('tsc (browser app, bundler resolution, skipLibCheck false)', bin('tsc'), [
      '-p',
      'tsconfig.json',
    ]);
    await step('tsc (Node, NodeNext, skipLibCheck false)', bin('tsc'), ['-p', 'tsconfig.node.json']);
    // The server-side entries must not need browser types: core/api and core/shared typecheck in a Node-only
    // project (lib ES2022, no DOM, skipLibCheck false). core/api therefore names no type of the sign-in
    // runtime (whose declarations use `Window` and `RequestInfo`): its `auth` option is structural.
    await step('tsc (core/api + core/shared in Node without the DOM lib)', bin('tsc'), [
      '-p',
      'tsconfig.server-api.json',
    ]);
    await timed('smoke: vite build', async () => {
      console.log(`\n$ vite build --logLevel warn`);
      // A new user's first build must be quiet: any warning (e.g. about a 'use client' directive) fails.
      const { stdout, stderr } = await execFileAsync(bin('vite'), ['build', '--logLevel', 'warn'], {
        cwd: app,
        env: cleanEnv(env),
      });
      const output = `${stdout}${stderr}`.trim();
      if (output) throw new Error(`vite build printed warnings:\n${output}`);
    });
    await step('node imports every entry', 'node', ['server-dist/check.js']);
    await step('node: react entries', 'node', [
      '--input-type=module',
      '-e',
      "const r = await import('@telnyx-oauth/react'); const t = await import('@telnyx-oauth/react/testing');" +
        "if (typeof r.TelnyxAuthProvider !== 'function' || typeof t.createMockTelnyxAuth !== 'function') process.exit(1);" +
        // The stylesheet file (for a strict CSP) resolves through `exports` and holds the string's rules.
        "const { readFileSync } = await import('node:fs');" +
        "const file = readFileSync(new URL(import.meta.resolve('@telnyx-oauth/react/sign-in-with-telnyx.css')), 'utf8');" +
        "const rules = (css) => css.replace(/\\/\\*[\\s\\S]*?\\*\\//g, '').replace(/\\s+/g, '');" +
        'if (rules(file) !== rules(r.signInWithTelnyxCss)) {' +
        "  console.error('sign-in-with-telnyx.css does not hold the rules of signInWithTelnyxCss'); process.exit(1); }" +
        "console.log('node: @telnyx-oauth/react, /testing and /sign-in-with-telnyx.css import (SSR-safe)');",
    ]);
    await step('dev-server bin', bin('telnyx-oauth-dev-server'), ['--help']);
    console.log('  ✓ smoke app installed, typechecked, built and imported');
  } catch (error) {
    fail('smoke app', error instanceof Error ? error.message : String(error));
  } finally {
    if (KEEP) console.log(`  (kept ${app})`);
    else await rm(app, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const packages = await publishablePackages();
  console.log(`Publishable packages: ${packages.map((pkg) => `${pkg.name}@${pkg.version}`).join(', ')}`);
  await timed('build', () => build(packages));

  const out = await mkdtemp(path.join(tmpdir(), 'telnyx-oauth-packs-'));
  const tarballs = new Map<string, string>();
  try {
    for (const pkg of packages) {
      heading(`${pkg.name}@${pkg.version}`);
      await timed(`${pkg.name}`, async () => {
        const tarball = await pack(pkg, out);
        tarballs.set(pkg.name, tarball);
        const unpacked = path.join(out, pkg.name.replace('/', '__'));
        await mkdir(unpacked, { recursive: true });
        await execFileAsync('tar', ['xzf', tarball, '-C', unpacked, '--strip-components=1']);
        await runPublint(pkg, tarball);
        await runAttw(pkg, tarball);
        await checkContents(pkg, tarball, unpacked);
      });
    }
    const versions = new Set(packages.map((pkg) => pkg.version));
    if (versions.size > 1)
      fail(
        'versions',
        `the published packages are versioned together (fixed), found ${[...versions].join(', ')}`,
      );
    if (SMOKE && failures.length === 0) await smokeTest(tarballs);
    else if (SMOKE) console.log('\n(smoke test skipped: fix the failures above first)');
  } finally {
    if (KEEP) console.log(`(kept ${out})`);
    else await rm(out, { recursive: true, force: true });
  }

  heading('Timings');
  for (const line of timings) console.log(`  ${line}`);
  console.log(`  total: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (failures.length) {
    heading(`${failures.length} problem(s):`);
    for (const line of failures) console.error(`  - ${line}`);
    process.exit(1);
  }
  console.log('\nAll packed packages are clean.');
}

await main();
