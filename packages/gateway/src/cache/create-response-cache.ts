// The response cache as the hooks see it: the store, the settings, and the steps every
// cached operation shares (read the request's controls, take the `cache` object out of
// the body, scope and namespace the key, look up exactly then by meaning when the cache is
// semantic). A store, index or embedding failure is a miss and a log line.

import type { Logger } from 'pino';
import type { CallState } from '../core/operation.js';
import type { Identity } from '../governance/identity.js';
import { createCacheKey } from './create-cache-key.js';
import type { PromptEmbedder } from './embed-cache-prompt.js';
import { readCacheControls, type CacheControls } from './read-cache-controls.js';
import type { CacheSettings } from './parse-cache-settings.js';
import type { CachedEntry, ResponseStore } from './response-store.js';
import type { SemanticIndex } from './semantic-index.js';
import { semanticPromptOf } from './semantic-prompt.js';

/** A semantic cache's parts: the index of prompt vectors and the call that embeds a prompt. */
export interface SemanticParts {
  index: SemanticIndex;
  embed: PromptEmbedder;
  threshold: number;
}

/** A call's prompt for the semantic index, and its vector once embedded. */
interface SemanticCall {
  state: CallState;
  text: string;
  partition: string;
  vector: Float32Array | undefined;
}

const WARN_INTERVAL_MS = 10_000;

export interface CachedCall {
  /** The body without its `cache` controls (they never reach the provider). */
  body: Record<string, unknown>;
  controls: CacheControls;
  scopeId: string | undefined;
  namespace: string | undefined;
  ttlSeconds: number | undefined;
  /** Set when the cache is semantic and the prompt is text only. */
  semantic: SemanticCall | undefined;
}

export interface ResponseCache {
  readonly settings: CacheSettings;
  readonly store: ResponseStore;
  /** The call's cache view, or undefined when this call does not use the cache (`default_off`). */
  prepare(state: CallState): CachedCall | undefined;
  /** A fresh entry, or undefined (absent, older than `s-maxage`, or the store failed). */
  lookup(key: string, call: CachedCall): Promise<CachedEntry | undefined>;
  /** lookup(), then on a semantic cache the nearest prompt at or above the threshold: the entry and its key. */
  find(key: string, call: CachedCall): Promise<{ key: string; entry: CachedEntry } | undefined>;
  /**
   * Names `key` on the call record and in `x-litellm-cache-key`, then (unless `no-cache`)
   * finds an entry: a hit is marked on the record, at cost 0, under the key it was found
   * by (a semantic hit names the entry it answers from). Returns the hit's JSON.
   */
  findHit(state: CallState, key: string, call: CachedCall): Promise<string | undefined>;
  /** Stores off the request's path (and the prompt's vector on a semantic cache); a failure is logged. */
  save(key: string, json: string, call: CachedCall): void;
}

export function createResponseCache(settings: CacheSettings, store: ResponseStore, logger: Logger, semantic?: SemanticParts): ResponseCache {
  // While Redis is down every request fails its lookup: one line per interval, with the count.
  let lastWarnedAt = 0;
  let suppressed = 0;
  const warn = (action: string, error: unknown): void => {
    const now = Date.now();
    if (now - lastWarnedAt < WARN_INTERVAL_MS) {
      suppressed += 1;
      return;
    }
    lastWarnedAt = now;
    const failures = suppressed + 1;
    suppressed = 0;
    logger.warn({ cacheType: store.type, failures, err: error instanceof Error ? error.message : String(error) }, `response cache ${action} failed: served as a miss`);
  };
  const lookup = async (key: string, call: CachedCall): Promise<CachedEntry | undefined> => {
    let entry: CachedEntry | undefined;
    try {
      entry = await store.get(key);
    } catch (error) {
      warn('lookup', error);
      return undefined;
    }
    const maxAge = call.controls.maxAgeSeconds;
    if (entry === undefined || (maxAge !== undefined && Date.now() - entry.storedAt > maxAge * 1000)) return undefined;
    return entry;
  };
  return {
    settings,
    store,
    prepare(state) {
      const controls = readCacheControls(state.body);
      let body = state.body;
      if ('cache' in body) {
        const { cache: _controls, ...rest } = body;
        body = rest;
        state.body = rest;
      }
      if (!(controls.useCache ?? settings.defaultOn)) return undefined;
      const scopeId = scopeIdOf(settings, state.context.identity);
      const namespace = controls.namespace ?? settings.namespace;
      const prompt = semantic === undefined ? undefined : semanticPromptOf(state.operation.names.name, body);
      return {
        body,
        controls,
        scopeId,
        namespace,
        ttlSeconds: controls.ttlSeconds ?? settings.ttlSeconds,
        semantic:
          prompt === undefined
            ? undefined
            : { state, text: prompt.text, partition: createCacheKey({ ...prompt.rest, '\u0000operation': state.operation.names.name }, scopeId, namespace), vector: undefined },
      };
    },
    async find(key, call) {
      const exact = await lookup(key, call);
      if (exact !== undefined) return { key, entry: exact };
      if (semantic === undefined || call.semantic === undefined) return undefined;
      const prompt = call.semantic;
      try {
        prompt.vector = await semantic.embed(prompt.state, prompt.text);
        const match = await semantic.index.nearest(prompt.partition, prompt.vector);
        if (match === undefined || match.similarity < semantic.threshold) return undefined;
        // The entry itself may have been evicted, expired or deleted since: then a miss.
        const entry = await lookup(match.key, call);
        return entry === undefined ? undefined : { key: match.key, entry };
      } catch (error) {
        warn('semantic lookup', error);
        return undefined;
      }
    },
    lookup,
    async findHit(state, key, call) {
      const record = state.context.call;
      const headers = state.context.headers;
      record.cacheKey = key;
      headers['x-litellm-cache-key'] = key;
      // A reply that must pass a reply check (a post_call guardrail) is never answered from
      // the cache: the stored reply may have been made for a caller without that check. It is
      // still stored once it passed.
      if (call.controls.noCache || state.replyHooks?.some((hook) => hook.readsReply !== false) === true) return undefined;
      const found = await this.find(key, call);
      if (found === undefined) return undefined;
      record.cacheKey = found.key;
      headers['x-litellm-cache-key'] = found.key;
      record.cacheHit = true;
      record.cost = 0;
      return found.entry.json;
    },
    save(key, json, call) {
      // `ttl: 0` asks for nothing to be kept.
      if (call.ttlSeconds === 0) return;
      store.set(key, { storedAt: Date.now(), json }, call.ttlSeconds).catch((error: unknown) => warn('store', error));
      const prompt = call.semantic;
      if (semantic === undefined || prompt === undefined) return;
      // `no-cache` skipped the lookup, so the prompt is embedded now, after the reply.
      const vector = prompt.vector === undefined ? semantic.embed(prompt.state, prompt.text) : Promise.resolve(prompt.vector);
      vector.then((embedded) => semantic.index.add(prompt.partition, key, embedded, call.ttlSeconds)).catch((error: unknown) => warn('semantic store', error));
    },
  };
}

function scopeIdOf(settings: CacheSettings, identity: Identity | undefined): string | undefined {
  switch (settings.scope) {
    case 'global':
      return undefined;
    case 'key':
      return `key:${identity?.key?.token ?? identity?.kind ?? 'anonymous'}`;
    case 'team':
      return `team:${identity?.team?.team_id ?? identity?.key?.team_id ?? 'none'}`;
    default: {
      const unknownScope: never = settings.scope;
      throw new Error(`unknown cache scope ${String(unknownScope)}`);
    }
  }
}
