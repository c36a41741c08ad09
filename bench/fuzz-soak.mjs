#!/usr/bin/env node
// The fuzz soak: the fuzz suite's hostile requests (packages/gateway/test/fuzz-routes.test.ts
// sends 20,000 in CI) for as long as you like, against one in-process gateway with a fake
// OpenAI upstream, so slow leaks and rare 5xx show up. Each round uses the next seed and
// prints its statuses, 5xx, dropped connections, hangs and RSS; a rising "RSS now" across
// rounds is a leak. Exits 1 on any 5xx, dropped connection or hang.
//
//   node bench/fuzz-soak.mjs                                   # 10 rounds x 20,000, SQLite
//   node bench/fuzz-soak.mjs --backend postgres --rounds 50    # a fresh database on 127.0.0.1:5432
//   node bench/fuzz-soak.mjs --requests 5000 --seed 42 --concurrency 64
//
// Replay one failing request: the report names its seed and index; rerun that round's seed.

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const main = join(root, 'packages/gateway/test/helpers/fuzz-soak-main.ts');
const result = spawnSync(process.execPath, ['--conditions=llmux-source', '--import', 'tsx', main, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
