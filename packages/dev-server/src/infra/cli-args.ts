import { parseArgs } from 'node:util';
import type { StartOptions } from '../start.js';
import { PROFILES, type DevServerProfile } from './config.js';

/** The `--help` text. It names the published bin; in this repository `pnpm dev-server` runs the same CLI. */
export const USAGE = `Usage: telnyx-oauth-dev-server [options]
       (in the telnyx-oauth repository: pnpm dev-server [options])

  --port <n>               port on 127.0.0.1 (default 4010; 0 picks a free port)
  --host <host>            interface to listen on (default 127.0.0.1)
  --profile <name>         standard (default): everything the standards offer;
                           telnyx: only what today's Telnyx documents (= --no-revocation --no-iss
                           --no-cors --no-public-refresh); the --no-* flags below apply on top
  --access-token-ttl <s>   access token lifetime in seconds (default 1800)
  --latency <ms>           latency added to every request (default 0)
  --no-rotation            do not rotate refresh tokens (a non-rotating server)
  --reuse-grace <s>        seconds in which a just-rotated refresh token may be presented again and
                           gets its successor back (a retry of a lost answer); default 0 = strict
  --no-revocation          no RFC 7009 revocation endpoint (like today's Telnyx)
  --no-iss                 no RFC 9207 iss parameter (like today's Telnyx)
  --no-cors                no CORS on the token and revocation endpoints (browsers cannot call them)
  --no-public-refresh      no refresh tokens for public clients (confidential clients keep them)
  --auto-consent           skip the consent page
  --redirect-uri <uri>     extra redirect URI for the demo's clients, public and confidential
                           (repeatable)
  -h, --help               show this help`;

/** What the command line asks for: help, or the options to start with. */
export type CliResult =
  | {
      /** `--help` (or `-h`) was given: print {@link USAGE}. */
      help: true;
    }
  | {
      /** No `--help`. */
      help: false;
      /** What to pass to `startDevServer`. */
      options: StartOptions;
    };

function integer(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new Error(`${flag} must be an integer >= ${min}, got '${value}'`);
  return Number(value);
}

function profile(value: string | undefined): DevServerProfile | undefined {
  if (value === undefined) return undefined;
  if (!Object.hasOwn(PROFILES, value)) {
    throw new Error(`--profile must be one of ${Object.keys(PROFILES).join(', ')}, got '${value}'`);
  }
  return value as DevServerProfile;
}

/** Each `--no-x` flag switches one option off; absent, the option is left to the profile. */
const SWITCHES_OFF = [
  ['no-rotation', 'rotateRefreshTokens'],
  ['no-revocation', 'revocationEndpoint'],
  ['no-iss', 'issParameter'],
  ['no-cors', 'cors'],
  ['no-public-refresh', 'publicClientRefresh'],
] as const;

/**
 * Parses the CLI's arguments (the flags of {@link USAGE}) into `startDevServer` options; throws an Error with
 * a readable message on bad input. Options a flag does not mention stay unset, so the profile (and the
 * defaults) decide them. Exported for tools that start the server themselves and take the same flags (the
 * demo's Vite plugin reads `TELNYX_DEV_SERVER_ARGS` with it).
 */
export function parseCliArgs(argv: readonly string[]): CliResult {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      profile: { type: 'string' },
      'access-token-ttl': { type: 'string' },
      latency: { type: 'string' },
      'reuse-grace': { type: 'string' },
      'no-rotation': { type: 'boolean' },
      'no-revocation': { type: 'boolean' },
      'no-iss': { type: 'boolean' },
      'no-cors': { type: 'boolean' },
      'no-public-refresh': { type: 'boolean' },
      'auto-consent': { type: 'boolean' },
      'redirect-uri': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };
  const port = integer('--port', values.port, 0) ?? 4010;
  if (port > 65535) throw new Error('--port must be at most 65535');
  const options: StartOptions = {
    port,
    host: values.host ?? '127.0.0.1',
    autoConsent: values['auto-consent'] ?? false,
    extraRedirectUris: values['redirect-uri'] ?? [],
  };
  const chosen = profile(values.profile);
  if (chosen !== undefined) options.profile = chosen;
  for (const [flag, option] of SWITCHES_OFF) {
    if (values[flag] === true) options[option] = false;
  }
  const ttl = integer('--access-token-ttl', values['access-token-ttl'], 1);
  if (ttl !== undefined) options.accessTokenTtl = ttl;
  const latency = integer('--latency', values.latency, 0);
  if (latency !== undefined) options.latencyMs = latency;
  const reuseGrace = integer('--reuse-grace', values['reuse-grace'], 0);
  if (reuseGrace !== undefined) options.reuseGrace = reuseGrace;
  return { help: false, options };
}
