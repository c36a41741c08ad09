#!/usr/bin/env -S node --max-semi-space-size=32
// Thin launcher so npm can link the bin before the TypeScript build has run.
// The flag: each request allocates tens of KB that die young, and with V8's default 16 MiB
// semi-space the gateway scavenged ~15 times a second under load, copying the live requests
// each time; 32 MiB halves that and cut ~10 % of the CPU per request (docs/benchmarks.md,
// finding 25). It can only be set when Node starts, hence here (`env -S` splits it off).
import { main } from '../dist/cli.js';

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
