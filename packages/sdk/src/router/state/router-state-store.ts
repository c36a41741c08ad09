// Where the router keeps what it learns about deployments: cooldowns, per-minute usage,
// latency and in-flight calls. Reads happen on every pick, so they are synchronous; a
// shared backend (Redis, in the gateway) mirrors remote state locally and writes through.

export interface DeploymentUsage {
  /** Requests started in the current minute. */
  requests: number;
  /** Tokens used in the current minute. */
  tokens: number;
}

export interface RouterStateStore {
  /** False when no deployment is cooling down: lets a pick skip every cooldown lookup. */
  hasCooldowns(nowMs: number): boolean;
  /** When the deployment's cooldown ends (epoch ms), or undefined when it is not cooling down. */
  cooldownUntil(deploymentId: string, nowMs: number): number | undefined;
  startCooldown(deploymentId: string, untilMs: number): void;
  /** Counts a failure of this error class in the current minute and returns the count. */
  countFailure(deploymentId: string, errorClass: string, nowMs: number): number;
  addUsage(deploymentId: string, requests: number, tokens: number, nowMs: number): void;
  usage(deploymentId: string, nowMs: number): DeploymentUsage;
  /** Records a call's latency (time to first token for streams) in milliseconds. */
  addLatency(deploymentId: string, latencyMs: number): void;
  /** Smoothed latency in milliseconds, or undefined before the first call. */
  latency(deploymentId: string): number | undefined;
  /** Calls started and not yet finished, in this process. */
  inFlight(deploymentId: string): number;
  adjustInFlight(deploymentId: string, delta: number): void;
  /** Releases connections and timers. */
  close(): Promise<void>;
}
