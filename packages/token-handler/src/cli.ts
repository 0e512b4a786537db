#!/usr/bin/env node
/** `telnyx-oauth-token-handler generate-key`: prints a new cookie key (32 random bytes, base64url). */
import { generateCookieKey } from './key-ring.js';

const USAGE = `Usage: telnyx-oauth-token-handler generate-key

Prints a new cookie encryption key for TELNYX_TOKEN_HANDLER_KEYS (newest first, comma-separated).
`;

const [command] = process.argv.slice(2);
if (command === 'generate-key') {
  process.stdout.write(`${generateCookieKey()}\n`);
} else {
  process.stderr.write(USAGE);
  process.exitCode = command === undefined || command === '--help' || command === '-h' ? 0 : 2;
}
