// Decides when a failing deployment cools down. As in LiteLLM, a 429 cools it down at once
// (the upstream said it is saturated) for its `retry-after` or `cooldown_time`, whichever is
// longer; other failures cool it down once they pass `allowed_fails` (or the class's
// `allowed_fails_policy` entry) within a minute.

import { RateLimitError } from '../errors/error-classes.js';
import { LlmuxError } from '../errors/llmux-error.js';
import { blamesDeployment, classifyError } from './classify-error.js';
import type { AllowedFailsPolicy } from './router-settings.js';
import type { RouterStateStore } from './state/router-state-store.js';

export interface CooldownSettings {
  allowedFails: number;
  cooldownSeconds: number;
  policy: AllowedFailsPolicy | undefined;
}

export class CooldownTracker {
  constructor(
    private readonly store: RouterStateStore,
    private readonly settings: CooldownSettings,
  ) {}

  /** Records a failed call; returns true when the deployment is now cooling down. */
  recordFailure(deploymentId: string, error: unknown, nowMs: number): boolean {
    if (!blamesDeployment(error) || this.settings.cooldownSeconds <= 0) return false;
    const cooldownMs = this.settings.cooldownSeconds * 1000;
    if (error instanceof RateLimitError) {
      const askedMs = (error.retryAfterSeconds ?? 0) * 1000;
      this.store.startCooldown(deploymentId, nowMs + Math.max(cooldownMs, askedMs));
      return true;
    }
    const errorClass = classifyError(error) ?? (error instanceof LlmuxError ? error.name : 'Error');
    const failures = this.store.countFailure(deploymentId, errorClass, nowMs);
    if (failures <= this.allowedFails(errorClass)) return false;
    this.store.startCooldown(deploymentId, nowMs + cooldownMs);
    return true;
  }

  private allowedFails(errorClass: string): number {
    const policy = this.settings.policy as Record<string, number | undefined> | undefined;
    return policy?.[`${errorClass}AllowedFails`] ?? this.settings.allowedFails;
  }
}
