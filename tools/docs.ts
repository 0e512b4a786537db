/**
 * `pnpm run docs` (`pnpm docs` is a pnpm built-in that opens npm): the API reference of every public entry of every published package, built with TypeDoc into
 * `api-docs/` (git-ignored; open `api-docs/index.html`).
 *
 * The entries are read from each non-private `packages/*` package.json `exports` (which point at `src` in
 * the workspace), so a new package or entry is documented without touching this file. Each module is named
 * by its import specifier (`@telnyx-oauth/core/api`). Strict: a missing doc comment (`notDocumented`), a
 * broken `{@link}` or a referenced type that is not exported fails the build (validation warnings are
 * errors). `--list-undocumented` writes nothing: it prints what lacks a comment, grouped by entry, then
 * TypeDoc's own validation (the authority: it also sees members of inline types, `as const` objects and
 * links), and exits non-zero when that validation fails.
 */
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import {
  Application,
  Converter,
  LogLevel,
  ReflectionKind,
  type DeclarationReflection,
  type ProjectReflection,
} from 'typedoc';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'api-docs');
const LIST_ONLY = process.argv.includes('--list-undocumented');

interface Entry {
  packageName: string;
  specifier: string;
  file: string;
}

async function publicEntries(): Promise<Entry[]> {
  const entries: Entry[] = [];
  for (const dir of (await readdir(path.join(ROOT, 'packages'))).sort()) {
    const manifestPath = path.join(ROOT, 'packages', dir, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
      name: string;
      private?: boolean;
      exports?: Record<string, string | { types?: string; default?: string }>;
    };
    if (manifest.private || !manifest.exports) continue;
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      const file = typeof target === 'string' ? target : (target.types ?? target.default);
      if (!file || !/\.tsx?$/.test(file) || subpath.includes('*')) continue;
      entries.push({
        packageName: manifest.name,
        specifier: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.replace(/^\.\//, '')}`,
        file: path.join(ROOT, 'packages', dir, file),
      });
    }
  }
  return entries;
}

const entries = await publicEntries();
const app = await Application.bootstrapWithPlugins({
  name: 'telnyx-oauth',
  entryPoints: entries.map((entry) => entry.file),
  entryPointStrategy: 'resolve',
  tsconfig: path.join(ROOT, 'tools', 'tsconfig.docs.json'),
  out: OUT,
  readme: 'none',
  excludePrivate: true,
  excludeProtected: true,
  excludeInternal: true,
  excludeExternals: true,
  // No public repository URL yet, so no "Defined in" links (TypeDoc would warn about the git remote).
  disableSources: true,
  sort: ['kind', 'instance-first', 'alphabetical-ignoring-documents'],
  // TypeDoc checks doc comments only in the packages named here (by default: the root package, which has none).
  packagesRequiringDocumentation: [...new Set(entries.map((entry) => entry.packageName))],
  validation: { notExported: true, invalidLink: true, notDocumented: true, rewrittenLink: true },
  treatValidationWarningsAsErrors: !LIST_ONLY,
  treatWarningsAsErrors: !LIST_ONLY,
  logLevel: LIST_ONLY ? LogLevel.Warn : LogLevel.Info,
  githubPages: false,
  hideGenerator: true,
});

// Name each module after its import specifier instead of its folder ("core/src/api").
app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
  for (const module of context.project.getChildrenByKind(ReflectionKind.Module)) {
    const source = module.sources?.[0]?.fullFileName;
    const entry = entries.find((candidate) => candidate.file === source);
    if (entry) module.name = entry.specifier;
  }
});

const project = await app.convert();
if (!project) {
  console.error('TypeDoc could not convert the project (errors above).');
  process.exit(1);
}

if (LIST_ONLY) {
  listUndocumented(project);
  console.log('\nTypeDoc validation (what the strict build fails on):');
  app.validate(project);
  const failed = app.logger.hasErrors() || app.logger.hasWarnings();
  console.log(failed ? 'validation: problems above' : 'validation: clean');
  process.exit(failed ? 1 : 0);
} else {
  app.validate(project);
  if (app.logger.hasErrors() || app.logger.hasWarnings()) {
    console.error(
      '\nThe API reference was not written: every public export and member needs a doc comment, and every ' +
        '{@link} must resolve. `pnpm run docs --list-undocumented` lists what lacks a comment.',
    );
    process.exit(1);
  }
  await app.generateDocs(project, OUT);
  if (app.logger.hasErrors() || app.logger.hasWarnings()) process.exit(1);
  console.log(`API reference for ${entries.map((entry) => entry.specifier).join(', ')}: ${OUT}/index.html`);
}

function hasComment(reflection: DeclarationReflection): boolean {
  if (reflection.hasComment()) return true;
  const signatures = [
    ...(reflection.signatures ?? []),
    ...(reflection.getSignature ? [reflection.getSignature] : []),
    ...(reflection.setSignature ? [reflection.setSignature] : []),
  ];
  return signatures.some((signature) => signature.hasComment());
}

/** Prints, per entry, the exports without a doc comment, then how many of their members lack one. */
function listUndocumented(project: ProjectReflection): void {
  const memberKinds =
    ReflectionKind.Property | ReflectionKind.Method | ReflectionKind.Accessor | ReflectionKind.EnumMember;
  for (const module of project.getChildrenByKind(ReflectionKind.Module)) {
    const missing: string[] = [];
    const members: string[] = [];
    for (const child of module.children ?? []) {
      if (child.kindOf(ReflectionKind.Reference)) continue;
      if (!hasComment(child)) missing.push(`${child.name} (${ReflectionKind.singularString(child.kind)})`);
      for (const member of child.getChildrenByKind(memberKinds)) {
        if (member.flags.isExternal || member.inheritedFrom || member.flags.isPrivate) continue;
        if (!hasComment(member)) members.push(`${child.name}.${member.name}`);
      }
    }
    console.log(
      `\n${module.name}: ${missing.length} exports and ${members.length} members without a doc comment`,
    );
    if (missing.length) console.log(`  exports: ${missing.join(', ')}`);
    if (members.length) console.log(`  members: ${members.join(', ')}`);
  }
}
