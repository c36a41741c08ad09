// A gateway over a fake OpenAI upstream whose replies carry known usage (12 prompt + 6
// completion tokens) and whose deployment has price overrides, so each call costs exactly
// COST_PER_CALL. For the limits, budgets and spend tests (and the callbacks tests).

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import type { CustomerRecord } from '../../src/governance/identity.js';
import { createGateway, parseConfig, type Gateway } from '../../src/index.js';
import type { SpendWriterOptions } from '../../src/spend/spend-log-writer.js';
import type { Store } from '../../src/store/store.js';
import { createCaptureLogger, type CapturedLogger } from './capture-logger.js';
import { NO_LIMITS } from './key-record.js';
import { sqliteBackend } from './store-backends.js';

export const MASTER_KEY = 'sk-master-limits';
export const PROMPT_TOKENS = 12;
export const COMPLETION_TOKENS = 6;
/** 12 × 0.001 + 6 × 0.002 USD. */
export const COST_PER_CALL = 0.024;

export interface LimitsGateway {
  url: string;
  gateway: Gateway;
  upstream: FakeServer;
  logs: CapturedLogger;
  client: OpenAI;
  close(): Promise<void>;
}

export interface LimitsGatewayOptions {
  store?: Store;
  settings?: { litellm_settings?: Record<string, unknown>; general_settings?: Record<string, unknown> };
  env?: NodeJS.ProcessEnv;
  clock?: () => number;
  spendWriter?: Omit<SpendWriterOptions, 'sink' | 'logger'>;
  /** Milliseconds the upstream waits before answering (parallel tests). */
  upstreamDelayMs?: number;
}

export async function startLimitsGateway(options: LimitsGatewayOptions = {}): Promise<LimitsGateway> {
  const upstream =
    options.upstreamDelayMs === undefined
      ? await startFakeOpenAIUpstream({ reply: () => ({ content: 'counted reply', usage: { promptTokens: PROMPT_TOKENS, completionTokens: COMPLETION_TOKENS } }) })
      : await startSlowUpstream(options.upstreamDelayMs);
  const document = {
    model_list: [
      {
        model_name: 'gpt-test',
        litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: 'sk-upstream', input_cost_per_token: 0.001, output_cost_per_token: 0.002 },
        model_info: { id: 'deployment-1' },
      },
    ],
    litellm_settings: options.settings?.litellm_settings ?? {},
    general_settings: { master_key: MASTER_KEY, ...options.settings?.general_settings },
  };
  // Never the shared ./.llmux: a fresh SQLite home per gateway unless a store is given.
  const home = options.store === undefined ? sqliteBackend() : undefined;
  const env = { ...(options.env ?? { ...process.env, REDIS_URL: '' }), ...(home === undefined ? {} : { LLMUX_HOME: home.options.home }) };
  const { config } = parseConfig(document, 'test config', env);
  const logs = createCaptureLogger();
  const gateway = createGateway({ config, logger: logs.logger, closeGraceMs: 200, store: options.store, clock: options.clock, spendWriter: options.spendWriter, env });
  const url = await gateway.listen(0, '127.0.0.1');
  const client = new OpenAI({ apiKey: MASTER_KEY, baseURL: `${url}/v1`, maxRetries: 0 });
  return {
    url,
    gateway,
    upstream,
    logs,
    client,
    close: async () => {
      await gateway.close();
      await upstream.close();
      await home?.cleanup();
    },
  };
}

export function customerRecord(userId: string, limits: Partial<CustomerRecord> = {}): CustomerRecord {
  const now = new Date();
  return {
    user_id: userId,
    alias: null,
    spend: 0,
    blocked: false,
    metadata: {},
    created_at: now,
    updated_at: now,
    ...NO_LIMITS,
    ...limits,
  };
}

/** One chat call as customer `user`; resolves to the HTTP status and headers. */
export async function chatAs(
  client: OpenAI,
  user: string | undefined,
  extra: Record<string, unknown> = {},
): Promise<{ status: number; headers: Headers; error?: { type?: string; message?: string } }> {
  try {
    const { response } = await client.chat.completions
      .create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }], ...(user === undefined ? {} : { user }), ...extra })
      .withResponse();
    return { status: response.status, headers: response.headers };
  } catch (error) {
    if (error instanceof OpenAI.APIError) {
      const body = error.error as { type?: string; message?: string } | undefined;
      return { status: error.status ?? 0, headers: error.headers ?? new Headers(), error: body ?? {} };
    }
    throw error;
  }
}

/** A management call with the master key (GET without a body); returns the JSON reply. */
export async function manage(url: string, path: string, body: Record<string, unknown> | undefined): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

/** A new virtual key with these fields, and an openai client that uses it. */
export async function clientWithKey(url: string, fields: Record<string, unknown>): Promise<{ key: string; token: string; client: OpenAI }> {
  const generated = await manage(url, '/key/generate', fields);
  const key = generated.key as string;
  return { key, token: generated.token as string, client: new OpenAI({ apiKey: key, baseURL: `${url}/v1`, maxRetries: 0 }) };
}

/** An OpenAI-compatible upstream that answers every chat call after `delayMs` (holds slots open). */
async function startSlowUpstream(delayMs: number): Promise<FakeServer> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      setTimeout(() => {
        const body = {
          id: 'chatcmpl-slow',
          object: 'chat.completion',
          created: 1,
          model: 'gpt-4o-mini',
          choices: [{ index: 0, message: { role: 'assistant', content: 'slow reply' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: PROMPT_TOKENS, completion_tokens: COMPLETION_TOKENS, total_tokens: PROMPT_TOKENS + COMPLETION_TOKENS },
        };
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port, requests: [], close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
