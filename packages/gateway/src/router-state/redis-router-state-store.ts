// The router's state shared through Redis, so several gateway instances route as one.
// Reads stay in local memory (the pick is on the hot path and never waits on Redis):
// cooldowns arrive by pub/sub the moment another instance starts one, and usage and
// latency are refreshed from Redis once a second. Usage and latency writes are summed in
// memory and sent as one pipeline every 250 ms (per-call writes were four commands a
// call, which halved the gateway's throughput with Redis on); cooldowns go out at once.
// Nothing is awaited on the call's path; a Redis outage degrades to per-instance routing
// (writes are skipped while the connection is down, not queued). Each time the connection
// is ready again, cooldowns started elsewhere meanwhile are read and those started here
// are written. Failure counts (allowed_fails) and in-flight calls stay per instance.

import { MemoryRouterStateStore, type DeploymentUsage } from 'llmux';
import type { Redis } from 'ioredis';
import { closeRedis } from '../limits/close-redis.js';

const MINUTE_MS = 60_000;
const SYNC_INTERVAL_MS = 1_000;
const FLUSH_INTERVAL_MS = 250;
/** `ready` settles after this even if Redis is down at start: routing goes on locally. */
const READY_TIMEOUT_MS = 2_000;

export interface RedisRouterStateStoreOptions {
  /** Commands. */
  redis: Redis;
  /** A second connection, in subscriber mode. */
  subscriber: Redis;
  keyPrefix?: string;
  onError?: (error: unknown) => void;
}

interface Counts {
  minute: number;
  requests: number;
  tokens: number;
}

export class RedisRouterStateStore extends MemoryRouterStateStore {
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly prefix: string;
  private readonly channel: string;
  private readonly onError: (error: unknown) => void;
  /** Usage Redis reported at the last sync, and what this instance added since. */
  private readonly remoteUsage = new Map<string, Counts>();
  private readonly localUsage = new Map<string, Counts>();
  /** Deployments whose usage this instance reads (usage-based routing, pre-call checks). */
  private readonly watched = new Set<string>();
  /** Usage and latency recorded here and not yet written to Redis. */
  private pendingUsage = new Map<string, Counts>();
  private pendingLatency = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private readonly flushTimer: NodeJS.Timeout;

  private constructor(options: RedisRouterStateStoreOptions) {
    super();
    this.redis = options.redis;
    this.subscriber = options.subscriber;
    this.prefix = options.keyPrefix ?? 'llmux:router:';
    this.channel = `${this.prefix}cooldowns`;
    this.onError = options.onError ?? (() => undefined);
    this.timer = setInterval(() => void this.sync(), SYNC_INTERVAL_MS);
    this.timer.unref();
    this.flushTimer = setInterval(() => this.flush(), FLUSH_INTERVAL_MS);
    this.flushTimer.unref();
  }

  /**
   * Subscribes to cooldowns and loads those already running; `ready` settles when done
   * (it never rejects: without Redis the store routes on local state).
   */
  static create(options: RedisRouterStateStoreOptions): RedisRouterStateStore {
    const store = new RedisRouterStateStore(options);
    options.subscriber.on('message', (channel: string, message: string) => {
      if (channel === store.channel) store.applyRemoteCooldown(message);
    });
    options.redis.on('ready', () => void store.resync());
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, READY_TIMEOUT_MS).unref());
    store.ready = Promise.race([store.load(), timeout]).catch(store.onError);
    return store;
  }

  /** Settles once cooldowns already running elsewhere are known here. */
  ready: Promise<void> = Promise.resolve();

  private async load(): Promise<void> {
    // SUBSCRIBE waits in the subscriber's queue until connected (and is renewed on reconnects).
    await this.subscriber.subscribe(this.channel);
    // Not ready yet: the 'ready' handler resyncs once it is.
    if (this.redis.status === 'ready') await this.resync();
  }

  /** Reads the cooldowns running in Redis and writes the ones only this instance knows. */
  private async resync(): Promise<void> {
    try {
      const running = await this.redis.hgetall(this.channel);
      const nowMs = Date.now();
      for (const [deploymentId, until] of Object.entries(running)) {
        if (Number(until) > nowMs) super.startCooldown(deploymentId, Number(until));
        else this.redis.hdel(this.channel, deploymentId).catch(this.onError);
      }
      for (const [deploymentId, until] of this.cooldowns) {
        if (until > nowMs && Number(running[deploymentId] ?? 0) < until) this.shareCooldown(deploymentId, until);
      }
    } catch (error) {
      this.onError(error);
    }
  }

  override startCooldown(deploymentId: string, untilMs: number): void {
    super.startCooldown(deploymentId, untilMs);
    // While Redis is down the cooldown stays local; resync() shares it when it returns.
    if (this.redis.status === 'ready') this.shareCooldown(deploymentId, untilMs);
  }

  private shareCooldown(deploymentId: string, untilMs: number): void {
    this.redis.multi().hset(this.channel, deploymentId, String(untilMs)).publish(this.channel, `${untilMs} ${deploymentId}`).exec().catch(this.onError);
  }

  override addUsage(deploymentId: string, requests: number, tokens: number, nowMs: number): void {
    const minute = Math.floor(nowMs / MINUTE_MS);
    const local = current(this.localUsage, deploymentId, minute);
    local.requests += requests;
    local.tokens += tokens;
    // A pending count from the previous minute is written before this minute's starts.
    const pending = this.pendingUsage.get(deploymentId);
    if (pending !== undefined && pending.minute !== minute) this.flush();
    const next = current(this.pendingUsage, deploymentId, minute);
    next.requests += requests;
    next.tokens += tokens;
  }

  override usage(deploymentId: string, nowMs: number): DeploymentUsage {
    const minute = Math.floor(nowMs / MINUTE_MS);
    this.watched.add(deploymentId);
    const remote = this.remoteUsage.get(deploymentId);
    const local = this.localUsage.get(deploymentId);
    const fromRemote = remote?.minute === minute ? remote : undefined;
    const fromLocal = local?.minute === minute ? local : undefined;
    return { requests: (fromRemote?.requests ?? 0) + (fromLocal?.requests ?? 0), tokens: (fromRemote?.tokens ?? 0) + (fromLocal?.tokens ?? 0) };
  }

  override addLatency(deploymentId: string, latencyMs: number): void {
    super.addLatency(deploymentId, latencyMs);
    const smoothed = this.latency(deploymentId);
    if (smoothed !== undefined) this.pendingLatency.set(deploymentId, smoothed);
  }

  override async close(): Promise<void> {
    clearInterval(this.timer);
    clearInterval(this.flushTimer);
    this.flush();
    await Promise.all([closeRedis(this.subscriber), closeRedis(this.redis)]);
  }

  private applyRemoteCooldown(message: string): void {
    const space = message.indexOf(' ');
    if (space === -1) return;
    super.startCooldown(message.slice(space + 1), Number(message.slice(0, space)));
  }

  /** Sends the summed usage and the latest latencies in one pipeline (not awaited). */
  private flush(): void {
    // Down: keep summing; what is pending is written once the connection is back.
    if (this.redis.status !== 'ready') return;
    const pipeline = this.redis.pipeline();
    if (this.appendWrites(pipeline) > 0) pipeline.exec().catch(this.onError);
  }

  /** Queues the pending writes on `pipeline`; returns how many commands it added. */
  private appendWrites(pipeline: ReturnType<Redis['pipeline']>): number {
    let commands = 0;
    for (const [deploymentId, counts] of this.pendingUsage) {
      const key = `${this.prefix}usage:${deploymentId}:${counts.minute}`;
      if (counts.requests !== 0) {
        pipeline.hincrby(key, 'requests', counts.requests);
        commands += 1;
      }
      if (counts.tokens !== 0) {
        pipeline.hincrby(key, 'tokens', counts.tokens);
        commands += 1;
      }
      pipeline.pexpire(key, 2 * MINUTE_MS);
      commands += 1;
    }
    if (this.pendingLatency.size > 0) {
      pipeline.hset(`${this.prefix}latency`, Object.fromEntries([...this.pendingLatency].map(([id, value]) => [id, String(value)])));
      commands += 1;
    }
    this.pendingUsage = new Map();
    this.pendingLatency = new Map();
    return commands;
  }

  /** Pulls usage and latency other instances recorded (after writing this instance's own). */
  private async sync(): Promise<void> {
    if (this.redis.status !== 'ready') return;
    try {
      const minute = Math.floor(Date.now() / MINUTE_MS);
      const ids = [...new Set([...this.localUsage.keys(), ...this.watched])];
      const read = this.redis.pipeline();
      // Written first in the same pipeline, so the reads below include them.
      const written = this.appendWrites(read);
      for (const id of ids) read.hgetall(`${this.prefix}usage:${id}:${minute}`);
      read.hgetall(`${this.prefix}latency`);
      const results = ((await read.exec()) ?? []).slice(written);
      ids.forEach((id, index) => {
        const fields = (results[index]?.[1] ?? {}) as Record<string, string>;
        this.remoteUsage.set(id, { minute, requests: Number(fields['requests'] ?? 0), tokens: Number(fields['tokens'] ?? 0) });
        // Redis now holds what this instance wrote before the read.
        this.localUsage.delete(id);
      });
      const latencies = (results[ids.length]?.[1] ?? {}) as Record<string, string>;
      for (const [id, value] of Object.entries(latencies)) this.latencies.set(id, Number(value));
    } catch (error) {
      this.onError(error);
    }
  }
}

function current(map: Map<string, Counts>, deploymentId: string, minute: number): Counts {
  let counts = map.get(deploymentId);
  if (counts === undefined || counts.minute !== minute) {
    counts = { minute, requests: 0, tokens: 0 };
    map.set(deploymentId, counts);
  }
  return counts;
}
