// The model groups a router serves: exact names, aliases (`model_group_alias`) and wildcard
// groups (`model_name: "openai/*"` serves any `openai/<x>`, with `*` in the deployment's
// model replaced by what it matched).

import type { ResolvedDeployment } from './deployment.js';
import type { RouterSettings } from './router-settings.js';

export interface ResolvedGroup {
  deployments: readonly ResolvedDeployment[];
  /** What `*` matched, for a wildcard group. */
  wildcard: string | undefined;
}

interface WildcardGroup {
  prefix: string;
  suffix: string;
  deployments: ResolvedDeployment[];
}

export class ModelGroups {
  /** Resolved once per group, so the hot path's lookup allocates nothing. */
  private readonly exact = new Map<string, { deployments: ResolvedDeployment[]; wildcard: undefined }>();
  private readonly wildcards: WildcardGroup[] = [];
  private readonly aliases = new Map<string, { target: string; hidden: boolean }>();

  constructor(aliases: RouterSettings['model_group_alias']) {
    for (const [alias, target] of Object.entries(aliases ?? {})) {
      this.aliases.set(alias, typeof target === 'string' ? { target, hidden: false } : { target: target.model, hidden: target.hidden === true });
    }
  }

  add(deployment: ResolvedDeployment): void {
    const name = deployment.model_name;
    const group = this.exact.get(name);
    if (group !== undefined) {
      group.deployments.push(deployment);
      return;
    }
    const deployments = [deployment];
    this.exact.set(name, { deployments, wildcard: undefined });
    const star = name.indexOf('*');
    if (star !== -1) this.wildcards.push({ prefix: name.slice(0, star), suffix: name.slice(star + 1), deployments });
  }

  /** Removes a deployment by id; a group left empty stops being served. */
  remove(id: string): boolean {
    for (const [name, group] of this.exact) {
      const index = group.deployments.findIndex((deployment) => deployment.id === id);
      if (index === -1) continue;
      // In place: a wildcard entry shares this array.
      group.deployments.splice(index, 1);
      if (group.deployments.length === 0) {
        this.exact.delete(name);
        const wildcard = this.wildcards.findIndex((entry) => entry.deployments === group.deployments);
        if (wildcard !== -1) this.wildcards.splice(wildcard, 1);
      }
      return true;
    }
    return false;
  }

  /** The deployments serving a requested name, or undefined when none does. */
  resolve(name: string): ResolvedGroup | undefined {
    const exact = this.exact.get(name);
    if (exact !== undefined) return exact;
    const alias = this.aliases.get(name);
    if (alias !== undefined && alias.target !== name) return this.resolve(alias.target);
    // The longest prefix wins, so `openai/gpt-4*` beats `openai/*`.
    let best: WildcardGroup | undefined;
    for (const group of this.wildcards) {
      if (name.length < group.prefix.length + group.suffix.length) continue;
      if (!name.startsWith(group.prefix) || !name.endsWith(group.suffix)) continue;
      if (best === undefined || group.prefix.length > best.prefix.length) best = group;
    }
    if (best === undefined) return undefined;
    return { deployments: best.deployments, wildcard: name.slice(best.prefix.length, name.length - best.suffix.length) };
  }

  /** Configured group names and visible aliases, in configuration order. */
  names(): string[] {
    const names = [...this.exact.keys()];
    for (const [alias, { hidden }] of this.aliases) if (!hidden && !this.exact.has(alias)) names.push(alias);
    return names;
  }

  deployments(name: string): readonly ResolvedDeployment[] {
    return this.resolve(name)?.deployments ?? [];
  }
}
