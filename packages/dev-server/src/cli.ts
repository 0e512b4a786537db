#!/usr/bin/env node
import { parseCliArgs, USAGE } from './infra/cli-args.js';
import { bannerLines } from './infra/cli-banner.js';
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
  console.log(bannerLines(url, server.config).join('\n'));
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
