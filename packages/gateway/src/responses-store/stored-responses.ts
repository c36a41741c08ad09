// The gateway's stored Responses: written after the reply, off the call's path (a failed
// write is logged, never a failed call); read back, owner-checked, by GET/DELETE/input_items
// and previous_response_id; swept when they expire. A read waits for a write still in flight
// for its id, so a client that asks right after the reply finds its Response.

import { BadRequestError, NotFoundError } from 'llmux';
import type { Logger } from 'pino';
import type { Identity } from '../governance/identity.js';
import { throwStoreError } from '../store/throw-store-error.js';
import type { Store, StoredResponseRow } from '../store/store.js';
import { mayUseStoredResponse, type StoredResponseAction } from './may-read-stored-response.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** A conversation longer than this many stored turns is refused rather than read without end. */
const MAX_TURNS = 1000;

export interface StoredResponsesOptions {
  store: Store;
  logger: Logger;
  /** How long a Response is kept. */
  retentionDays: number;
  clock?: () => number;
}

export type NewStoredResponse = Omit<StoredResponseRow, 'created_at' | 'expires_at'>;

export class StoredResponses {
  private readonly pending = new Map<string, Promise<void>>();
  private readonly retentionMs: number;
  private readonly clock: () => number;
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: StoredResponsesOptions) {
    this.retentionMs = options.retentionDays * DAY_MS;
    this.clock = options.clock ?? Date.now;
  }

  /** Starts the write and returns at once; reads of this id wait for it. */
  save(row: NewStoredResponse): void {
    const now = this.clock();
    const write = this.options.store
      .insertStoredResponse({ ...row, created_at: new Date(now), expires_at: new Date(now + this.retentionMs) })
      .catch((error: unknown) => this.options.logger.warn({ err: error, response_id: row.id }, 'stored response not written: GET and previous_response_id will not find it'))
      .finally(() => {
        if (this.pending.get(row.id) === write) this.pending.delete(row.id);
      });
    this.pending.set(row.id, write);
  }

  /** The row, if it exists and the caller may use it; else a 404 in OpenAI's words. */
  async find(id: string, caller: Identity | undefined, action: StoredResponseAction = 'read'): Promise<StoredResponseRow> {
    const row = await this.read(id);
    if (row === undefined || !mayUseStoredResponse(caller, row, action)) {
      throw new NotFoundError(`Response with id '${id}' not found.`, { code: 'not_found' });
    }
    return row;
  }

  async remove(id: string, caller: Identity | undefined): Promise<void> {
    await this.find(id, caller, 'delete');
    await this.options.store.deleteStoredResponse(id).catch(throwStoreError);
  }

  /** The conversation `previousId` ends, oldest turn first; an unknown or foreign id is OpenAI's 400. */
  async conversation(previousId: string, caller: Identity | undefined): Promise<StoredResponseRow[]> {
    const turns: StoredResponseRow[] = [];
    let id: string | null = previousId;
    while (id !== null) {
      const row = await this.read(id);
      if (row === undefined || !mayUseStoredResponse(caller, row, 'read')) {
        // OpenAI's answer for an id it does not hold (the param names the client's id, even for an earlier turn).
        throw new BadRequestError(`Previous response with id '${id}' not found.`, { param: 'previous_response_id', code: 'previous_response_not_found' });
      }
      turns.push(row);
      if (turns.length > MAX_TURNS)
        throw new BadRequestError(`The conversation before '${previousId}' is longer than ${MAX_TURNS} turns.`, { param: 'previous_response_id', code: 'conversation_too_long' });
      id = row.previous_response_id;
    }
    return turns.reverse();
  }

  /** Deletes expired rows now and then (an unref'd timer: it never keeps the process up). */
  startSweep(): void {
    if (this.sweepTimer !== undefined) return;
    const every = Math.min(HOUR_MS, Math.max(1000, this.retentionMs / 4));
    this.sweepTimer = setInterval(() => void this.sweep(), every);
    this.sweepTimer.unref();
  }

  async sweep(): Promise<number> {
    try {
      return await this.options.store.deleteExpiredResponses(new Date(this.clock()));
    } catch (error) {
      this.options.logger.warn({ err: error }, 'expired stored responses not deleted: retrying at the next sweep');
      return 0;
    }
  }

  /** Stops the sweep and waits for writes in flight (before the store closes). */
  async close(): Promise<void> {
    if (this.sweepTimer !== undefined) clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    await Promise.all(this.pending.values());
  }

  private async read(id: string): Promise<StoredResponseRow | undefined> {
    const writing = this.pending.get(id);
    if (writing !== undefined) await writing;
    return this.options.store.getStoredResponse(id, new Date(this.clock())).catch(throwStoreError);
  }
}
