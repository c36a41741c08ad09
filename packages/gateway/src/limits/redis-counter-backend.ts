// Counters in Redis, shared by every gateway instance and worker: the same keys and rules
// as the memory backend, applied by Lua scripts (redis-scripts.ts) in one round trip.
// Counters with no end (no budget period) get a one-day TTL, refreshed on each write, so
// abandoned keys do not pile up; a budget counter that expires is re-seeded from the store.

import { Redis } from 'ioredis';
import type { AdmitOutcome, CheckKind, CounterBackend, CounterUpdate, LimitCheck } from './counter-backend.js';
import { closeRedis } from './close-redis.js';
import { commandRedisOptions } from './redis-connection-options.js';
import { ADMIT_SCRIPT, UPDATE_SCRIPT } from './redis-scripts.js';
import type { RedisTarget } from './resolve-redis-options.js';

const KIND_CODES: Record<CheckKind, number> = { rpm: 1, tpm: 2, parallel: 3, budget: 4 };
const KEY_PREFIX = 'llmux:';

type ScriptRunner = (numberOfKeys: number, ...args: Array<string | number>) => Promise<unknown>;

export class RedisCounterBackend implements CounterBackend {
  readonly redis: Redis;
  private readonly admitScript: ScriptRunner;
  private readonly updateScript: ScriptRunner;
  /**
   * Until the first connect succeeds or fails: commands wait for it (there is no offline
   * queue). The failover backend never sends before `ready`, so only direct users wait.
   */
  private firstConnect: Promise<void> | undefined;

  constructor(target: RedisTarget) {
    // Fail fast rather than queue requests behind a dead connection: the failover backend
    // (failover-counter-backend.ts) then counts in memory. Auto-pipelining sends the scripts
    // of calls made in the same tick in one write.
    const options = { ...commandRedisOptions(), keyPrefix: KEY_PREFIX, enableAutoPipelining: true, ...target.options };
    this.redis = target.url === undefined ? new Redis(options) : new Redis(target.url, options);
    // Connection errors surface as failed commands (and the failover backend's mode).
    this.redis.on('error', () => undefined);
    this.firstConnect = new Promise<void>((resolve) => {
      const settle = (): void => {
        this.firstConnect = undefined;
        this.redis.off('ready', settle).off('close', settle);
        resolve();
      };
      this.redis.once('ready', settle).once('close', settle);
    });
    this.redis.defineCommand('llmuxAdmit', { lua: ADMIT_SCRIPT });
    this.redis.defineCommand('llmuxUpdate', { lua: UPDATE_SCRIPT });
    // defineCommand adds these methods at run time; ioredis's types cannot know their names.
    const commands = this.redis as unknown as Record<'llmuxAdmit' | 'llmuxUpdate', ScriptRunner>;
    this.admitScript = commands.llmuxAdmit.bind(this.redis);
    this.updateScript = commands.llmuxUpdate.bind(this.redis);
  }

  async admit(checks: readonly LimitCheck[], nowMs: number): Promise<AdmitOutcome> {
    if (this.firstConnect !== undefined) await this.firstConnect;
    const args: Array<string | number> = [];
    for (const check of checks) args.push(check.key);
    args.push(nowMs);
    for (const check of checks) args.push(KIND_CODES[check.kind], check.limit, check.amount, check.seed, check.expiresAt);
    const reply = (await this.admitScript(checks.length, ...args)) as string[];
    const values = new Array<number>(checks.length);
    for (let index = 0; index < checks.length; index += 1) values[index] = Number(reply[index + 1] ?? 0);
    return { refused: Number(reply[0]), values };
  }

  async update(updates: readonly CounterUpdate[], nowMs: number): Promise<void> {
    if (updates.length === 0) return;
    if (this.firstConnect !== undefined) await this.firstConnect;
    const args: Array<string | number> = [];
    for (const change of updates) args.push(change.key);
    args.push(nowMs);
    for (const change of updates) args.push(change.delta, change.seed, change.expiresAt);
    await this.updateScript(updates.length, ...args);
  }

  async read(key: string): Promise<number> {
    if (this.firstConnect !== undefined) await this.firstConnect;
    const value = await this.redis.get(key);
    return value === null ? 0 : Number(value);
  }

  async close(): Promise<void> {
    await closeRedis(this.redis);
  }
}
