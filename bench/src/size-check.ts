/**
 * `pnpm size`: fails (exit 1) when the sign-in path (core + React bindings as an app imports them) grows
 * past its gzip budget. Same bundler settings as `pnpm bench`. Prints where the bytes come from either
 * way: the largest inputs (minified) and what each dependency adds after gzip (the bundle without it).
 *
 * Two numbers: the goal (SIGN_IN_BUDGET_GZIP, 10 KB, about half of react-oidc-context) and the budget
 * this check enforces, a regression guard set to the measured size rounded up to the next 0.5 KB until
 * the goal is reached. Lower the budget whenever the path shrinks; never raise it to let a change in.
 */
import { API_CLIENT, POPUP_SIGN_IN, SIGN_IN_BUDGET_GZIP, SIGN_IN_PATHS } from './bundle/libraries.js';
import { measureBundle } from './bundle/measure.js';
import { kb } from './format.js';

/**
 * Measured 16.4 KB (16,834 bytes) with issue 14, rounded up to the next 0.5 KB. Raised from 16.0 KB (16,370
 * bytes on 2026-11-29, the path as issue 13 defines it) on purpose, not to let a change slip in: issue 14
 * asks for 530 bytes on the sign-in path itself (66 were saved in storage/schema.ts, net +464): the popup's
 * callback side (a popup window reports on its channel and closes itself, in AuthCallback),
 * getAccessToken({ scope }) and hasScope, the union of granted and asked scopes, the hook that runs a
 * plugged-in popup, and one human sentence per common error code in the default error UI (185 bytes). The
 * popup opener is not in it (POPUP_BUDGET_GZIP). Was 17.5 KB before issue 13 (17.4 KB without `RequireAuth`).
 * Measured 16,554 bytes after a trim with the same behaviour: still 16.5 KB rounded up.
 */
const REGRESSION_BUDGET_GZIP = 16.5 * 1024;

/**
 * The same path for an app that also signs in with a popup (`@telnyx-oauth/core/popup`): measured 17.3 KB
 * (17,677 bytes), rounded up to the next 0.5 KB. The same rule: lowered when it shrinks, never raised to let a
 * change in.
 */
const POPUP_BUDGET_GZIP = 17.5 * 1024;

/** The dependencies whose gzip share is worth knowing: each is left out in turn and the difference reported. */
const PARTS = ['oauth4webapi', 'idb-keyval'];

const ours = SIGN_IN_PATHS.find((subject) => subject.id === 'telnyx');
if (!ours) throw new Error('the sign-in path is missing from the subjects');

try {
  const [signIn, popup, api, ...without] = await Promise.all([
    measureBundle(ours.entry),
    measureBundle(POPUP_SIGN_IN.entry),
    measureBundle(API_CLIENT.entry),
    ...PARTS.map((part) => measureBundle(ours.entry, { external: [part] })),
  ]);
  if (!signIn || !popup || !api) throw new Error('no measurement');

  console.log(
    `${ours.label}: ${kb(signIn.minified)} minified, ${kb(signIn.gzip)} gzip, ${kb(signIn.brotli)} brotli`,
  );
  console.log(
    `${POPUP_SIGN_IN.label}: ${kb(popup.minified)} minified, ${kb(popup.gzip)} gzip, ${kb(popup.brotli)} brotli ` +
      `(popup sign-in adds ${kb(popup.gzip - signIn.gzip)} gzip, only for apps that import it)`,
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
  if (popup.gzip > POPUP_BUDGET_GZIP) {
    console.error(
      `size: the sign-in path with popup support is ${kb(popup.gzip)} gzip, over its budget (${kb(POPUP_BUDGET_GZIP)})`,
    );
    process.exitCode = 1;
  }
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
