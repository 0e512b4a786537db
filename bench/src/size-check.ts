/**
 * `pnpm size`: fails (exit 1) when the sign-in path (core + React bindings as an app imports them) grows
 * past its gzip budget. Same bundler settings as `pnpm bench`. Prints where the bytes come from either
 * way: the largest inputs (minified) and what each dependency adds after gzip (the bundle without it).
 *
 * Two numbers: the goal (SIGN_IN_BUDGET_GZIP, 10 KB, about half of react-oidc-context) and the budget
 * this check enforces, a regression guard set to the measured size rounded up to the next 0.5 KB until
 * the goal is reached. Lower the budget whenever the path shrinks; never raise it to let a change in.
 */
import { API_CLIENT, SIGN_IN_BUDGET_GZIP, SIGN_IN_PATHS } from './bundle/libraries.js';
import { measureBundle } from './bundle/measure.js';
import { kb } from './format.js';

/**
 * Measured 16.0 KB (16,370 bytes) on 2026-11-29 for the path as issue 13 defines it (with `RequireAuth`),
 * rounded up to the next 0.5 KB. Was 17.5 KB (17.4 KB measured without `RequireAuth`, 18.9 KB with the
 * reliability fixes of issue 11).
 */
const REGRESSION_BUDGET_GZIP = 16.0 * 1024;

/** The dependencies whose gzip share is worth knowing: each is left out in turn and the difference reported. */
const PARTS = ['oauth4webapi', 'idb-keyval'];

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
  let dependencies = 0;
  for (const [index, part] of PARTS.entries()) {
    const share = signIn.gzip - (without[index]?.gzip ?? signIn.gzip);
    dependencies += share;
    console.log(`  ${kb(share).padStart(9)}  ${part}`);
  }
  console.log(`  ${kb(signIn.gzip - dependencies).padStart(9)}  our code (core + react, the rest)`);

  const limits = `goal ${kb(SIGN_IN_BUDGET_GZIP)}, budget ${kb(REGRESSION_BUDGET_GZIP)}`;
  if (signIn.gzip > REGRESSION_BUDGET_GZIP) {
    console.error(`size: the sign-in path is ${kb(signIn.gzip)} gzip, over its budget (${limits})`);
    process.exitCode = 1;
  } else if (signIn.gzip > SIGN_IN_BUDGET_GZIP) {
    console.log(
      `size: ${kb(signIn.gzip)} gzip, within the budget but ${kb(signIn.gzip - SIGN_IN_BUDGET_GZIP)} over the goal (${limits})`,
    );
  } else {
    console.log(`size: ${kb(signIn.gzip)} gzip, within the goal (${limits})`);
  }
} catch (error) {
  console.error(`size: could not bundle the sign-in path: ${(error as Error).message}`);
  process.exitCode = 1;
}
