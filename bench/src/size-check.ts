/**
 * `pnpm size`: fails (exit 1) when the sign-in path (core + React bindings as an app imports them) grows
 * past its gzip budget. Same bundler settings as `pnpm bench`. Prints where the bytes come from either
 * way: the largest inputs (minified) and what each dependency adds after gzip (the bundle without it).
 */
import { API_CLIENT, SIGN_IN_BUDGET_GZIP, SIGN_IN_PATHS } from './bundle/libraries.js';
import { measureBundle } from './bundle/measure.js';
import { kb } from './format.js';

/** Parts whose gzip share is worth knowing: each is left out in turn and the difference reported. */
const PARTS = ['oauth4webapi', 'idb-keyval', '@telnyx-oauth/core'];

const ours = SIGN_IN_PATHS.find((subject) => subject.id === 'telnyx');
if (!ours) throw new Error('the sign-in path is missing from the subjects');

try {
  const [signIn, api, ...without] = await Promise.all([
    measureBundle(ours.entry),
    measureBundle(API_CLIENT.entry),
    ...PARTS.map((part) => measureBundle(ours.entry, { external: [part] })),
  ]);
  if (!signIn || !api) throw new Error('no measurement');

  console.log(
    `${ours.label}: ${kb(signIn.minified)} minified, ${kb(signIn.gzip)} gzip, ${kb(signIn.brotli)} brotli`,
  );
  console.log(
    `${API_CLIENT.label}: ${kb(api.minified)} minified, ${kb(api.gzip)} gzip, ${kb(api.brotli)} brotli`,
  );
  console.log('largest inputs of the sign-in path (minified):');
  for (const { name, bytes } of signIn.contributors.slice(0, 8))
    console.log(`  ${kb(bytes).padStart(9)}  ${name}`);
  console.log('gzip share (sign-in path with, minus without):');
  for (const [index, part] of PARTS.entries()) {
    const rest = without[index];
    if (rest) console.log(`  ${kb(signIn.gzip - rest.gzip).padStart(9)}  ${part}`);
  }

  if (signIn.gzip > SIGN_IN_BUDGET_GZIP) {
    console.error(
      `size: the sign-in path is ${kb(signIn.gzip)} gzip, over its ${kb(SIGN_IN_BUDGET_GZIP)} budget`,
    );
    process.exitCode = 1;
  } else {
    console.log(
      `size: within the ${kb(SIGN_IN_BUDGET_GZIP)} gzip budget (${kb(SIGN_IN_BUDGET_GZIP - signIn.gzip)} left)`,
    );
  }
} catch (error) {
  console.error(`size: could not bundle the sign-in path: ${(error as Error).message}`);
  process.exitCode = 1;
}
