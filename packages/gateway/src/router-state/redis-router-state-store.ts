// The router's state shared through Redis, so several gateway instances route as one.
// Reads stay in local memory (the pick is on the hot path and never waits on Redis):
// cooldowns arrive by pub/sub the moment another instance starts one, and usage and
// latency are refreshed from Redis once a second. Writes go through to Redis without
// being awaited; a Redis outage degrades to per-instance routing, never to failed calls.
// Failure counts (allowed_fails) and in-flight calls stay per instance.

import { MemoryRouterStateStore, type DeploymentUsage } from 'llmux';
import type { Redis } from 'ioredis';

const MINUTE_MS = 60_000;
const SYNC_INTERVAL_MS = 1_000;

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
  private readonly timer: NodeJS.Timeout;

  private constructor(options: RedisRouterStateStoreOptions) {
    super();
    this.redis = options.redis;
    this.subscriber = options.subscriber;
    this.prefix = options.keyPrefix ?? 'llmux:router:';
    this.channel = `${this.prefix}cooldowns`;
    this.onError = options.onError ?? (() => undefined);
    this.timer = setInterval(() => void this.sync(), SYNC_INTERVAL_MS);
    this.timer.unref();
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
    store.ready = store.load().catch(store.onError);
    return store;
  }

  /** Settles once cooldowns already running elsewhere are known here. */
  ready: Promise<void> = Promise.resolve();

  private async load(): Promise<void> {
    await this.subscriber.subscribe(this.channel);
    const running = await this.redis.hgetall(this.channel);
    const nowMs = Date.now();
    for (const [deploymentId, until] of Object.entries(running)) {
      if (Number(until) > nowMs) super.startCooldown(deploymentId, Number(until));
      else this.redis.hdel(this.channel, deploymentId).catch(this.onError);
    }
  }

  override startCooldown(deploymentId: string, untilMs: number): void {
    super.startCooldown(deploymentId, untilMs);
    this.redis
      .multi()
      .hset(this.channel, deploymentId, String(untilMs))
      .publish(this.channel, `${untilMs} ${deploymentId}`)
      .exec()
      .catch(this.onError);
  }

  override addUsage(deploymentId: string, requests: number, tokens: number, nowMs: number): void {
    const minute = Math.floor(nowMs / MINUTE_MS);
    const local = current(this.localUsage, deploymentId, minute);
    local.requests += requests;
    local.tokens += tokens;
    const key = `${this.prefix}usage:${deploymentId}:${minute}`;
    const write = this.redis.multi();
    if (requests !== 0) write.hincrby(key, 'requests', requests);
    if (tokens !== 0) write.hincrby(key, 'tokens', tokens);
    write.pexpire(key, 2 * MINUTE_MS).exec().catch(this.onError);
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
    if (smoothed !== undefined) this.redis.hset(`${this.prefix}latency`, deploymentId, String(smoothed)).catch(this.onError);
  }

  override async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.allSettled([this.subscriber.quit(), this.redis.quit()]);
  }

  private applyRemoteCooldown(message: string): void {
    const space = message.indexOf(' ');
    if (space === -1) return;
    super.startCooldown(message.slice(space + 1), Number(message.slice(0, space)));
  }

  /** Pulls usage and latency other instances recorded. */
  private async sync(): Promise<void> {
    try {
      const minute = Math.floor(Date.now() / MINUTE_MS);
      const ids = [...new Set([...this.localUsage.keys(), ...this.watched])];
      const read = this.redis.pipeline();
      for (const id of ids) read.hgetall(`${this.prefix}usage:${id}:${minute}`);
      read.hgetall(`${this.prefix}latency`);
      const results = (await read.exec()) ?? [];
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
