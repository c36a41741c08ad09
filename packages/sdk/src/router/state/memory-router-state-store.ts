// The default state store: one process's memory. Per-minute counters roll over lazily on
// read or write, so the store needs no timers.

import type { DeploymentUsage, RouterStateStore } from './router-state-store.js';

const MINUTE_MS = 60_000;
/** Weight of the newest sample in the latency moving average. */
const LATENCY_SMOOTHING = 0.3;

interface MinuteCounter {
  minute: number;
  requests: number;
  tokens: number;
}

export class MemoryRouterStateStore implements RouterStateStore {
  protected readonly cooldowns = new Map<string, number>();
  private readonly failures = new Map<string, { minute: number; count: number }>();
  private readonly counters = new Map<string, MinuteCounter>();
  protected readonly latencies = new Map<string, number>();
  private readonly running = new Map<string, number>();
  /** The latest cooldown end, so `hasCooldowns` is one comparison. */
  private latestCooldownEnd = 0;

  hasCooldowns(nowMs: number): boolean {
    return this.latestCooldownEnd > nowMs;
  }

  cooldownUntil(deploymentId: string, nowMs: number): number | undefined {
    if (this.latestCooldownEnd <= nowMs) return undefined;
    const until = this.cooldowns.get(deploymentId);
    if (until === undefined) return undefined;
    if (until > nowMs) return until;
    this.cooldowns.delete(deploymentId);
    return undefined;
  }

  startCooldown(deploymentId: string, untilMs: number): void {
    const current = this.cooldowns.get(deploymentId) ?? 0;
    if (untilMs <= current) return;
    this.cooldowns.set(deploymentId, untilMs);
    if (untilMs > this.latestCooldownEnd) this.latestCooldownEnd = untilMs;
  }

  countFailure(deploymentId: string, errorClass: string, nowMs: number): number {
    const key = `${deploymentId}\u0000${errorClass}`;
    const minute = Math.floor(nowMs / MINUTE_MS);
    const entry = this.failures.get(key);
    if (entry === undefined || entry.minute !== minute) {
      this.failures.set(key, { minute, count: 1 });
      return 1;
    }
    entry.count += 1;
    return entry.count;
  }

  addUsage(deploymentId: string, requests: number, tokens: number, nowMs: number): void {
    const counter = this.counter(deploymentId, nowMs);
    counter.requests += requests;
    counter.tokens += tokens;
  }

  usage(deploymentId: string, nowMs: number): DeploymentUsage {
    return this.counter(deploymentId, nowMs);
  }

  addLatency(deploymentId: string, latencyMs: number): void {
    const previous = this.latencies.get(deploymentId);
    this.latencies.set(deploymentId, previous === undefined ? latencyMs : previous + LATENCY_SMOOTHING * (latencyMs - previous));
  }

  latency(deploymentId: string): number | undefined {
    return this.latencies.get(deploymentId);
  }

  inFlight(deploymentId: string): number {
    return this.running.get(deploymentId) ?? 0;
  }

  adjustInFlight(deploymentId: string, delta: number): void {
    this.running.set(deploymentId, Math.max(0, (this.running.get(deploymentId) ?? 0) + delta));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private counter(deploymentId: string, nowMs: number): MinuteCounter {
    const minute = Math.floor(nowMs / MINUTE_MS);
    let counter = this.counters.get(deploymentId);
    if (counter === undefined) {
      counter = { minute, requests: 0, tokens: 0 };
      this.counters.set(deploymentId, counter);
    } else if (counter.minute !== minute) {
      counter.minute = minute;
      counter.requests = 0;
      counter.tokens = 0;
    }
    return counter;
  }
}
