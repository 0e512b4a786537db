/**
 * Builds the demo once per extra server profile (support/profiles.ts) into its own out dir, with that
 * profile's environment: the dev server's URL (from TELNYX_DEV_SERVER_ARGS) and VITE_TELNYX_TOKEN_HANDLER are
 * baked into the bundle. The default profile's build is the demo's own `dist` (`pnpm build:apps`).
 * Run by `pnpm build:apps`; `playwright test` without E2E_PREBUILT builds in each web server's command.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { PROFILES } from './profiles.js';

const demo = path.resolve(import.meta.dirname, '..', '..', 'apps', 'demo');

for (const profile of PROFILES) {
  if (profile.outDir === 'dist') continue;
  console.log(`demo for the ${profile.name} profile → apps/demo/${profile.outDir}`);
  execFileSync(
    'pnpm',
    ['exec', 'vite', 'build', '--outDir', profile.outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: demo,
      stdio: 'inherit',
      env: { ...process.env, ...profile.env },
    },
  );
}
