// Runs the CLI from source (tests, `node --import tsx`); the published bin imports dist/cli.js.

import { main } from './cli.js';

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
