// Which adapter serves which provider id. Built on first use from the built-in list; a
// caller (or a test) can register more.

import { NotFoundError } from '../errors/error-classes.js';
import { BadRequestError } from '../errors/error-classes.js';
import { createBuiltinProviders } from './builtin-providers.js';
import { parseModelString, type ModelReference } from './parse-model-string.js';
import type { ProviderAdapter } from './provider-adapter.js';

export class ProviderRegistry {
  private readonly adapters = new Map<string, ProviderAdapter>();
  private readonly ids = new Set<string>();

  constructor(adapters: Iterable<ProviderAdapter> = []) {
    for (const adapter of adapters) this.register(adapter);
  }

  register(adapter: ProviderAdapter): void {
    this.adapters.set(adapter.id, adapter);
    this.ids.add(adapter.id);
  }

  get(id: string): ProviderAdapter {
    const adapter = this.adapters.get(id);
    if (adapter === undefined) throw new NotFoundError(`unknown provider "${id}"`, { provider: id });
    return adapter;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  providerIds(): string[] {
    return [...this.ids];
  }

  /** Resolves `provider/model`, or a bare well-known model name, to its adapter. */
  resolve(model: string): { adapter: ProviderAdapter; reference: ModelReference } {
    const reference = parseModelString(model, this.ids);
    if (reference === undefined) {
      throw new BadRequestError(`model "${model}" names no known provider; use "provider/model" (known providers: ${this.providerIds().join(', ')})`, {
        param: 'model',
        code: 'model_not_found',
        model,
      });
    }
    return { adapter: this.get(reference.provider), reference };
  }
}

let defaultRegistry: ProviderRegistry | undefined;

export function getDefaultProviderRegistry(): ProviderRegistry {
  defaultRegistry ??= new ProviderRegistry(createBuiltinProviders());
  return defaultRegistry;
}
