#!/usr/bin/env node
// Thin launcher so npm can link the bin before the TypeScript build has run.
import { main } from '../dist/cli.js';

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
