// The runner's command line. Defaults give a full run in 15-30 minutes (longer on a busy machine); --quick is a
// smoke test of the harness; --long runs the memory soak to a million requests.

import { parseArgs } from 'node:util';

export const USAGE = `Usage: node bench/run.mjs [options]

  --quick              short runs, to check the harness (numbers not comparable)
  --long               soak to 1,000,000 requests per proxy (default 200,000)
  --targets LIST       comma list of direct,undici-floor,llmux,portkey (default: all)
  --streams LIST       concurrent slow streams to hold (default 1000 and as many as the fd limit allows, <= 10000)
  --duration S         seconds per throughput / latency round (default 5; 3 rounds)
  --no-profile         skip the CPU profile of the llmux gateway
  --no-scaling         skip the --num_workers 1 / 2 comparison of the llmux gateway
  --skip-build         do not run the project build first
  --skip-install       do not install wrk / bench dependencies (fail if missing)
  --no-doc             do not rewrite the results section of docs/benchmarks.md
`;

export function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      long: { type: 'boolean', default: false },
      targets: { type: 'string' },
      streams: { type: 'string' },
      duration: { type: 'string' },
      'no-profile': { type: 'boolean', default: false },
      'no-scaling': { type: 'boolean', default: false },
      'skip-build': { type: 'boolean', default: false },
      'skip-install': { type: 'boolean', default: false },
      'no-doc': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const quick = values.quick;
  return {
    help: values.help,
    quick,
    long: values.long,
    targets: values.targets?.split(',').map((id) => id.trim()),
    streamLevels: values.streams?.split(',').map(Number),
    durationS: Number(values.duration ?? (quick ? 2 : 5)),
    // Interleaved rounds per measurement; the best is kept (see lib/best-of.mjs).
    rounds: quick ? 1 : 3,
    warmupS: quick ? 2 : 5,
    stepS: quick ? 2 : 3,
    stepConnections: quick ? [1, 8, 64] : [1, 2, 4, 8, 16, 32, 64, 128, 256],
    ttftCount: quick ? 50 : 300,
    soakRequests: values.long ? 1_000_000 : quick ? 20_000 : 200_000,
    // A wall-clock cap, so a slow proxy (Portkey) cannot hold the run for an hour.
    soakMaxS: values.long ? 1_500 : quick ? 20 : 120,
    soakSegmentS: quick ? 2 : 5,
    profile: !values['no-profile'],
    scaling: !values['no-scaling'],
    profileS: quick ? 5 : 20,
    build: !values['skip-build'],
    install: !values['skip-install'],
    writeDoc: !values['no-doc'] && !quick,
  };
}
