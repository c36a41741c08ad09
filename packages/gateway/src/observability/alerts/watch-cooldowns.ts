// Sees the router put a deployment into cooldown by decorating its state store: the
// router writes every cooldown through `startCooldown`, whichever store backs it (memory
// or Redis). Plain delegation rather than a Proxy: the router calls the store on every pick.

import type { DeploymentUsage, RouterStateStore } from 'llmux';

export type CooldownListener = (deploymentId: string, untilMs: number) => void;

export function watchCooldowns(store: RouterStateStore, listener: CooldownListener): RouterStateStore {
  return {
    hasCooldowns: (nowMs: number): boolean => store.hasCooldowns(nowMs),
    cooldownUntil: (deploymentId: string, nowMs: number): number | undefined => store.cooldownUntil(deploymentId, nowMs),
    startCooldown(deploymentId: string, untilMs: number): void {
      store.startCooldown(deploymentId, untilMs);
      listener(deploymentId, untilMs);
    },
    countFailure: (deploymentId: string, errorClass: string, nowMs: number): number => store.countFailure(deploymentId, errorClass, nowMs),
    addUsage: (deploymentId: string, requests: number, tokens: number, nowMs: number): void => store.addUsage(deploymentId, requests, tokens, nowMs),
    usage: (deploymentId: string, nowMs: number): DeploymentUsage => store.usage(deploymentId, nowMs),
    addLatency: (deploymentId: string, latencyMs: number): void => store.addLatency(deploymentId, latencyMs),
    latency: (deploymentId: string): number | undefined => store.latency(deploymentId),
    inFlight: (deploymentId: string): number => store.inFlight(deploymentId),
    adjustInFlight: (deploymentId: string, delta: number): void => store.adjustInFlight(deploymentId, delta),
    close: (): Promise<void> => store.close(),
  };
}
