// The spend writer's overflow on disk: when the store stays down (or the buffer reaches its byte
// bound, or the gateway stops), rows and totals are appended to a local JSON-lines file and read
// back in order once the store answers, also after a restart. Each process appends to a file of
// its own; files left by processes that are gone are adopted. Reading keeps a byte offset beside
// the file, so a restart resumes where replay stopped (a line written twice is harmless: rows
// are keyed by request id, totals by batch id).

import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { appendFile, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SpendIncrement, SpendLogRow } from '../store/store.js';

/** One spooled line: a row, or the totals of one batch under its id. */
export type SpoolLine = { row: SpendLogRow } | { totals: SpendIncrement[]; batch: string };

/** Lines read from the head of the spool; `commit()` marks them done. */
export interface SpoolChunk {
  lines: SpoolLine[];
  /** Lines that were not JSON (a disk error): reported by the writer, never silent. */
  unreadable: number;
  commit(): Promise<void>;
}

const CHUNK_BYTES = 1024 * 1024;

/** The spool folder of one database: a spool is replayed only into the database it was meant for. */
export function spoolDirectoryFor(home: string, target: string): string {
  return join(home, 'spend-spool', createHash('sha256').update(target).digest('hex').slice(0, 16));
}

export class SpendSpool {
  private readonly ownFile: string;
  /** Files to replay, oldest first; the own file joins when something is appended. */
  private queue: string[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  private adopted = false;

  constructor(private readonly directory: string) {
    this.ownFile = join(directory, `spool-${String(Date.now()).padStart(15, '0')}-${process.pid}.jsonl`);
  }

  /** Whether lines are waiting to be replayed. */
  get pending(): boolean {
    return this.queue.length > 0;
  }

  /** Takes in the files of gateways that are no longer running (a restart's leftovers). */
  adoptOrphans(): Promise<number> {
    return this.serial(async () => {
      if (this.adopted) return 0;
      this.adopted = true;
      let names: string[];
      try {
        names = (await readdir(this.directory)).filter((name) => name.endsWith('.jsonl')).sort();
      } catch {
        return 0;
      }
      const orphans = names.map((name) => join(this.directory, name)).filter((file) => file !== this.ownFile && !ownerAlive(file));
      this.queue = [...orphans, ...this.queue.filter((file) => !orphans.includes(file))];
      return orphans.length;
    });
  }

  /** Appends lines to this process's file (dates become ISO strings and come back as dates). */
  append(lines: readonly SpoolLine[]): Promise<void> {
    if (lines.length === 0) return Promise.resolve();
    const text = lines.map((line) => JSON.stringify(line)).join('\n') + '\n';
    return this.serial(async () => {
      mkdirSync(this.directory, { recursive: true });
      await appendFile(this.ownFile, text);
      if (!this.queue.includes(this.ownFile)) this.queue.push(this.ownFile);
    });
  }

  /** The next lines in order (up to about 1 MB), or undefined when the spool is empty. */
  read(): Promise<SpoolChunk | undefined> {
    return this.serial(async () => {
      while (this.queue.length > 0) {
        const file = this.queue[0] as string;
        const offset = await readOffset(file);
        const chunk = await readLines(file, offset);
        if (chunk !== undefined) {
          return { lines: chunk.lines, unreadable: chunk.unreadable, commit: () => this.serial(() => writeOffset(file, chunk.end)) };
        }
        // Read to its end: done with this file (the own file is made again by the next append).
        await unlink(file).catch(() => undefined);
        await unlink(`${file}.offset`).catch(() => undefined);
        this.queue.shift();
      }
      return undefined;
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }
}

/** The writing process's id is in the name; a file whose process still runs belongs to it. */
function ownerAlive(file: string): boolean {
  const pid = Number(/-(\d+)\.jsonl$/.exec(file)?.[1]);
  if (!Number.isInteger(pid) || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOffset(file: string): Promise<number> {
  try {
    return Number(await readFile(`${file}.offset`, 'utf8')) || 0;
  } catch {
    return 0;
  }
}

async function writeOffset(file: string, offset: number): Promise<void> {
  await writeFile(`${file}.offset.tmp`, String(offset));
  await rename(`${file}.offset.tmp`, `${file}.offset`);
}

/** Whole lines from `offset`: at least one (a line longer than a chunk is read whole), or undefined at the end. */
async function readLines(file: string, offset: number): Promise<{ lines: SpoolLine[]; unreadable: number; end: number } | undefined> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    return undefined;
  }
  if (offset >= size) return undefined;
  const handle = await open(file, 'r');
  try {
    let length = Math.min(CHUNK_BYTES, size - offset);
    for (;;) {
      const buffer = Buffer.allocUnsafe(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      const last = buffer.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (last === -1) {
        // A torn last line (a crash mid-append) is skipped; a long line is read with a bigger buffer.
        if (offset + bytesRead >= size) return undefined;
        length = Math.min(length * 2, size - offset);
        continue;
      }
      const parsed = buffer
        .subarray(0, last)
        .toString('utf8')
        .split('\n')
        .filter((text) => text !== '')
        .map(parseLine);
      const lines = parsed.filter((line): line is SpoolLine => line !== undefined);
      return { lines, unreadable: parsed.length - lines.length, end: offset + last + 1 };
    }
  } finally {
    await handle.close();
  }
}

function parseLine(text: string): SpoolLine | undefined {
  try {
    const line = JSON.parse(text) as SpoolLine;
    if ('row' in line) {
      line.row.startTime = new Date(line.row.startTime);
      line.row.endTime = new Date(line.row.endTime);
    }
    return line;
  } catch {
    return undefined;
  }
}
