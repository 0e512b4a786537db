/**
 * `pnpm size`: fails (exit 1) when the sign-in path (core + React bindings as an app imports them) grows
 * past its gzip budget. Same bundler settings as `pnpm bench`; prints the biggest contributors either way.
 */
import { SIGN_IN_BUDGET_GZIP, SIGN_IN_PATHS, API_CLIENT } from './bundle/libraries.js';
import { measureBundle } from './bundle/measure.js';
import { kb } from './format.js';

const ours = SIGN_IN_PATHS.find((subject) => subject.id === 'telnyx');
if (!ours) throw new Error('the sign-in path is missing from the subjects');

const [signIn, api] = await Promise.all([measureBundle(ours.entry), measureBundle(API_CLIENT.entry)]).catch(
  (error: unknown) => {
    console.error(`size: could not bundle the sign-in path: ${(error as Error).message}`);
    process.exit(1);
  },
);

console.log(
  `${ours.label}: ${kb(signIn.minified)} minified, ${kb(signIn.gzip)} gzip, ${kb(signIn.brotli)} brotli`,
);
console.log(
  `${API_CLIENT.label}: ${kb(api.minified)} minified, ${kb(api.gzip)} gzip, ${kb(api.brotli)} brotli`,
);
console.log('biggest contributors to the sign-in path (minified):');
for (const { name, bytes } of signIn.contributors.slice(0, 8))
  console.log(`  ${kb(bytes).padStart(9)}  ${name}`);

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
