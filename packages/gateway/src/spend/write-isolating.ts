// Writes a batch the store refused while it still answers: halves it until the items it refuses
// are alone, so one bad item costs ~2·log2(n) extra writes and the good ones are written.
// An item is refused only for an error about its data with the store still answering; any
// other failure meanwhile is an outage, thrown, and the caller keeps the batch.

import { isDataError } from './classify-store-error.js';

export interface Refused<T> {
  item: T;
  error: unknown;
  /** The item's position in the batch, as a path of halves (`0`, `10`...): stable for one batch. */
  path: string;
}

class StoreUnreachableError extends Error {
  constructor(override readonly cause: unknown) {
    super('the store stopped answering while a refused batch was being split');
    this.name = 'StoreUnreachableError';
  }
}

/**
 * `write` is called with parts of `items` and the part's path; `probe` resolves when the store
 * answers. Returns the items refused on their own (the caller quarantines them).
 */
export async function writeIsolating<T>(
  items: readonly T[],
  write: (part: readonly T[], path: string) => Promise<void>,
  probe: () => Promise<void>,
  path = '',
): Promise<Refused<T>[]> {
  if (items.length === 1) {
    try {
      await write(items, path);
      return [];
    } catch (error) {
      if (!isDataError(error)) throw new StoreUnreachableError(error);
      await probe().catch((probeError: unknown) => {
        throw new StoreUnreachableError(probeError);
      });
      return [{ item: items[0] as T, error, path }];
    }
  }
  const half = Math.ceil(items.length / 2);
  const refused: Refused<T>[] = [];
  for (const [part, side] of [
    [items.slice(0, half), '0'],
    [items.slice(half), '1'],
  ] as const) {
    if (part.length === 0) continue;
    try {
      await write(part, path + side);
    } catch {
      refused.push(...(await writeIsolating(part, write, probe, path + side)));
    }
  }
  return refused;
}
