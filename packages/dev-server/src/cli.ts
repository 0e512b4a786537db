#!/usr/bin/env node
import { parseCliArgs, USAGE } from './infra/cli-args.js';
import {
  PUBLIC_CLIENT_ID,
  CONFIDENTIAL_CLIENT_ID,
  CONFIDENTIAL_CLIENT_SECRET,
  SEED_USER,
} from './infra/seed.js';
import { startDevServer } from './start.js';

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (parsed.help) {
    console.log(USAGE);
    return;
  }
  const { url, server, close } = await startDevServer(parsed.options);
  const { config } = server;
  console.log(`Telnyx OAuth dev server listening on ${url}`);
  console.log(`  metadata:       ${url}/.well-known/oauth-authorization-server`);
  console.log(`  API key:        ${SEED_USER.apiKey}  (user ${SEED_USER.id}, ${SEED_USER.email})`);
  console.log(`  demo client:    ${PUBLIC_CLIENT_ID}  (public, PKCE)`);
  console.log(`  confidential:   ${CONFIDENTIAL_CLIENT_ID} / ${CONFIDENTIAL_CLIENT_SECRET}`);
  console.log(
    `  access tokens ${config.accessTokenTtl}s, rotation ${config.rotateRefreshTokens ? 'on' : 'off'}, ` +
      `revocation ${config.revocationEndpoint ? 'on' : 'off'}, iss ${config.issParameter ? 'on' : 'off'}, ` +
      `consent ${config.autoConsent ? 'automatic' : 'page'}`,
  );
  const stop = () => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
