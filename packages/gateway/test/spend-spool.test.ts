// The spend spool and row cleaning on their own: lines come back in order with their dates, a
// restart resumes at the saved offset, a torn last line (a crash mid-append) is skipped, files
// of a live process are left to it; strings lose NULs and lone surrogates but keep emoji, are
// cut with a marker, and nested metadata is bounded.

import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sanitizeSpendRow } from '../src/spend/sanitize-spend-row.js';
import { sanitizeText } from '../src/spend/sanitize-text.js';
import { SpendSpool, type SpoolLine } from '../src/spend/spend-spool.js';
import { spendLogRow } from './helpers/spend-log-row.js';

const root = mkdtempSync(join(tmpdir(), 'llmux-spool-'));
after(() => rmSync(root, { recursive: true, force: true }));

const row = spendLogRow;

const idsOf = (lines: readonly SpoolLine[]): string[] => lines.map((line) => ('row' in line ? line.row.request_id : `totals:${line.batch}`));

describe('spend spool', () => {
  it('gives lines back in order with their dates, and a restart resumes at the saved offset', async () => {
    const directory = join(root, 'resume');
    const first = new SpendSpool(directory);
    await first.append([{ row: row('a') }, { row: row('b') }, { totals: [{ entity: 'global', id: 'global', amount: 1 }], batch: 'b1' }]);
    assert.equal(first.pending, true);
    const chunk = await first.read();
    assert.deepEqual(idsOf(chunk?.lines ?? []), ['a', 'b', 'totals:b1']);
    const revived = chunk?.lines[0];
    assert.ok(revived !== undefined && 'row' in revived && revived.row.startTime instanceof Date);
    assert.equal(revived.row.startTime.toISOString(), '2026-01-02T03:04:05.678Z');
    await chunk?.commit();
    await first.append([{ row: row('c') }]);

    // A new process (same pid here, another start time) adopts the file and reads only what is new.
    const second = new SpendSpool(directory);
    assert.equal(await second.adoptOrphans(), 1);
    const rest = await second.read();
    assert.deepEqual(idsOf(rest?.lines ?? []), ['c']);
    await rest?.commit();
    assert.equal(await second.read(), undefined);
    assert.equal(second.pending, false);
    assert.deepEqual(readdirSync(directory), [], 'a replayed file and its offset are deleted');
  });

  it('skips a torn last line and leaves the files of a live process alone', async () => {
    const directory = join(root, 'torn');
    mkdirSync(directory, { recursive: true });
    const orphan = join(directory, 'spool-000000000000001-999999.jsonl');
    writeFileSync(orphan, `${JSON.stringify({ row: row('whole') })}\n`);
    appendFileSync(orphan, '{"row": {"request_id": "torn"');
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    const live = join(directory, `spool-000000000000002-${sleeper.pid}.jsonl`);
    writeFileSync(live, `${JSON.stringify({ row: row('theirs') })}\n`);
    try {
      const spool = new SpendSpool(directory);
      assert.equal(await spool.adoptOrphans(), 1, 'only the orphan is adopted');
      const chunk = await spool.read();
      assert.deepEqual(idsOf(chunk?.lines ?? []), ['whole']);
      await chunk?.commit();
      assert.equal(await spool.read(), undefined);
      assert.equal(existsSync(orphan), false);
      assert.equal(existsSync(live), true);
    } finally {
      sleeper.kill();
    }
  });
});

describe('spend row cleaning', () => {
  it('replaces NUL and lone surrogates, keeps surrogate pairs, and cuts with a marker', () => {
    assert.equal(sanitizeText('a\u0000b', 512), 'a\uFFFDb');
    assert.equal(sanitizeText('x\uD800y\uDC00z', 512), 'x\uFFFDy\uFFFDz');
    const emoji = 'ok 😀 ok';
    assert.equal(sanitizeText(emoji, 512), emoji, 'a clean string comes back as is');
    const cut = sanitizeText('a'.repeat(1_000), 100);
    assert.equal(cut, `${'a'.repeat(100)}…[truncated 900 chars]`);
    // A pair is never cut in two.
    assert.equal(sanitizeText(`${'a'.repeat(99)}😀`, 100), `${'a'.repeat(99)}…[truncated 2 chars]`);
  });

  it('bounds nested metadata, cleans ids, and leaves a clean row untouched', () => {
    let deep: Record<string, unknown> = { leaf: 'x' };
    for (let depth = 0; depth < 4_000; depth += 1) deep = { deep };
    const wide = Object.fromEntries(Array.from({ length: 1_000 }, (_, index) => [`k${index}`, index]));
    // A bigint where a number belongs: the hostile value the sanitizer must survive.
    const dirty = row('r', { user: 'u\u0000', end_user: 'e'.repeat(2_000), prompt_tokens: 1.6, spend: Number.NaN, metadata: { deep, wide, big: 1n as unknown as number } });
    const { row: clean, bytes } = sanitizeSpendRow(dirty);
    assert.equal(clean.user, 'u\uFFFD');
    assert.ok(clean.end_user?.endsWith('…[truncated 1488 chars]'));
    assert.equal(clean.prompt_tokens, 2);
    assert.equal(clean.spend, 0);
    assert.ok(JSON.stringify(clean.metadata).includes('nested deeper than 16 levels'));
    assert.equal(Object.keys(clean.metadata['wide'] as object).length, 257, '256 entries and a marker');
    assert.equal(clean.metadata['big'], '1');
    assert.ok(bytes > 0 && bytes < 128 * 1024, `estimate ${bytes}`);

    const metadata = { tags: ['a'], trace: 'abc' };
    const tidy = row('t', { metadata });
    assert.equal(sanitizeSpendRow(tidy).row.metadata, metadata, 'no copy when nothing changes');
  });
});
