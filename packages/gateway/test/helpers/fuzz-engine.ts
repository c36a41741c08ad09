// Sends a seeded stream of hostile requests at a running gateway over keep-alive HTTP and
// tallies the answers: every status, each 5xx and each dropped connection with the request
// that caused it (replayable from the seed and index), and the process's peak RSS.

import { Agent, request as httpRequest } from 'node:http';
import { seededRandom } from '@llmux/fake-upstreams';
import { fuzzTargets, STRAY_PATHS, type FuzzCaller, type FuzzFixture, type FuzzTarget } from './fuzz-catalog.js';
import { hostileQueryValue, mutateBody, pick, serializeBody, type Random, type RawValues } from './fuzz-mutate.js';

export interface FuzzOptions {
  url: string;
  masterKey: string;
  virtualKey: string;
  fixture: FuzzFixture;
  requests: number;
  seed: number;
  /** Connections kept open at once. */
  concurrency: number;
  /** The gateway's max_request_size_mb in bytes: oversized bodies are sent just past it. */
  modelBodyLimitBytes: number;
}

interface FuzzSample {
  index: number;
  kind: string;
  method: string;
  path: string;
  status: number | string;
  request: string;
  reply: string;
}

export interface FuzzReport {
  requests: number;
  statuses: Record<string, number>;
  serverErrors: FuzzSample[];
  networkErrors: FuzzSample[];
  /** Requests unanswered after REQUEST_TIMEOUT_MS. */
  hangs: FuzzSample[];
  routes: number;
  /** The five slowest requests, to find what a slow run spent its time on. */
  slowest: Array<FuzzSample & { ms: number }>;
  /** Milliseconds spent per route and kind of request, to see where a slow run goes. */
  timeByRoute: Record<string, number>;
  elapsedMs: number;
  peakRssBytes: number;
}

interface PlannedRequest {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Sent without Content-Length, in parts, so the limit must be enforced while reading. */
  chunked?: boolean;
}

/** A request still unanswered after this long is a fault (a hang), not a slow reply. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Management routes refuse bodies past 1 MiB (management-request.ts). */
const MANAGEMENT_BODY_LIMIT_BYTES = 1024 * 1024;
const MODEL_PATHS = new Set(['/v1/chat/completions', '/chat/completions', '/v1/embeddings', '/embeddings', '/v1/messages']);

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const random = seededRandom(options.seed);
  const targets = fuzzTargets(options.fixture);
  const weighted = targets.flatMap((target) => Array.from({ length: target.weight ?? 1 }, () => target));
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const report: FuzzReport = {
    requests: 0,
    statuses: {},
    serverErrors: [],
    networkErrors: [],
    hangs: [],
    routes: targets.length,
    slowest: [],
    timeByRoute: {},
    elapsedMs: 0,
    peakRssBytes: process.memoryUsage().rss,
  };
  const sampler = setInterval(() => {
    report.peakRssBytes = Math.max(report.peakRssBytes, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.requests) {
      const index = next;
      next += 1;
      // Planned synchronously in index order, so the sequence is the same whatever the timing.
      const planned = plan(random, weighted, options);
      await send(options.url, agent, planned, index, report);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  clearInterval(sampler);
  agent.destroy();
  report.elapsedMs = performance.now() - started;
  report.peakRssBytes = Math.max(report.peakRssBytes, process.memoryUsage().rss);
  return report;
}

function plan(random: Random, targets: readonly FuzzTarget[], options: FuzzOptions): PlannedRequest {
  const target = pick(random, targets);
  const caller = pick(random, target.callers);
  const headers = authorization(random, caller, options);
  const roll = random();
  if (roll < 0.03) return { kind: 'stray-path', method: pick(random, ['GET', 'POST', 'PUT', 'DELETE']), path: pick(random, STRAY_PATHS), headers };
  if (roll < 0.05) return { kind: 'wrong-method', method: target.method === 'GET' ? 'POST' : 'GET', path: target.path, headers };
  const path = target.path + queryString(random, target, roll < 0.6);
  if (target.method === 'GET') return { kind: roll < 0.6 ? 'query-mutated' : 'query-valid', method: 'GET', path, headers };
  headers['content-type'] = 'application/json';
  if (roll < 0.08) return { kind: 'body-garbage', method: 'POST', path, headers, body: Buffer.from(garbage(random)) };
  if (roll < 0.095) {
    const limit = MODEL_PATHS.has(target.path) ? options.modelBodyLimitBytes : MANAGEMENT_BODY_LIMIT_BYTES;
    const chunked = random() < 0.5;
    return { kind: chunked ? 'oversize-chunked' : 'oversize', method: 'POST', path, headers, body: oversizedBody(limit + 1 + Math.floor(random() * limit)), chunked };
  }
  if (roll < 0.2) return { kind: 'body-valid', method: 'POST', path, headers, body: Buffer.from(JSON.stringify(target.body)) };
  const rawValues: RawValues = { texts: [] };
  const body = mutateBody(random, target.body, rawValues);
  return { kind: 'body-mutated', method: 'POST', path, headers, body: Buffer.from(serializeBody(body, rawValues)), chunked: random() < 0.1 };
}

function authorization(random: Random, caller: FuzzCaller, options: FuzzOptions): Record<string, string> {
  switch (caller) {
    case 'master':
      return { authorization: `Bearer ${options.masterKey}` };
    case 'virtual':
      return { authorization: `Bearer ${options.virtualKey}` };
    case 'none':
      return {};
    case 'bogus':
      return {
        authorization: pick(random, [
          'Bearer sk-nope',
          'Bearer ',
          'Basic YTpi',
          ` Bearer  ${options.virtualKey} `,
          `Bearer "${options.virtualKey}"`,
          `Bearer ${'x'.repeat(5000)}`,
          'Bearer sk-%00',
        ]),
      };
    default: {
      const unknown: never = caller;
      throw new Error(`unknown caller ${String(unknown)}`);
    }
  }
}

function queryString(random: Random, target: FuzzTarget, mutate: boolean): string {
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(target.query ?? {})) query[name] = encodeURIComponent(value);
  if (mutate) {
    const names = [...Object.keys(query), 'page', 'limit', 'page_size', 'size', 'start_date', 'unknown'];
    for (let count = 1 + Math.floor(random() * 3); count > 0; count -= 1) query[pick(random, names)] = hostileQueryValue(random);
  }
  const text = Object.entries(query)
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  return text === '' ? '' : `?${text}`;
}

function garbage(random: Random): string {
  return pick(random, [
    '',
    '{',
    '{"model":',
    'null',
    '[]',
    '"text"',
    '12',
    '{"a":1}{"b":2}',
    '\u0000',
    '{"model":"gpt-a","messages":[{"role":"user","content":"hi"}]',
    `${'['.repeat(100_000)}`,
    `{"a":"${'\\u0000'.repeat(10)}"}`,
    '\ufeff{}',
    '{"__proto__":{"admin":true}}',
  ]);
}

function oversizedBody(bytes: number): Buffer {
  const prefix = '{"model":"gpt-a","messages":[{"role":"user","content":"';
  const suffix = '"}]}';
  return Buffer.concat([Buffer.from(prefix), Buffer.alloc(Math.max(0, bytes - prefix.length - suffix.length), 'a'), Buffer.from(suffix)]);
}

function send(url: string, agent: Agent, planned: PlannedRequest, index: number, report: FuzzReport): Promise<void> {
  return new Promise((resolve) => {
    // One outcome per request: a reply can be followed by a socket error, or the reverse.
    let settled = false;
    const started = performance.now();
    const settle = (status: number | string, reply: string | undefined, failures: FuzzSample[] | undefined): void => {
      if (settled) return;
      settled = true;
      const ms = performance.now() - started;
      const where = `${planned.method} ${planned.path.split('?')[0] ?? ''} ${planned.kind}`;
      report.timeByRoute[where] = (report.timeByRoute[where] ?? 0) + ms;
      if (report.slowest.length < 5 || ms > (report.slowest[4]?.ms ?? 0)) {
        report.slowest.push({ ...sample(status, reply ?? ''), ms });
        report.slowest.sort((a, b) => b.ms - a.ms);
        report.slowest.length = Math.min(report.slowest.length, 5);
      }
      report.requests += 1;
      report.statuses[status] = (report.statuses[status] ?? 0) + 1;
      if (failures !== undefined) failures.push(sample(status, reply ?? ''));
      resolve();
    };
    const headers: Record<string, string> = { ...planned.headers };
    if (planned.body !== undefined && planned.chunked !== true) headers['content-length'] = String(planned.body.length);
    const sample = (status: number | string, reply: string): FuzzSample => ({
      index,
      kind: planned.kind,
      method: planned.method,
      path: planned.path.slice(0, 200),
      status,
      request: planned.body === undefined ? '' : planned.body.subarray(0, 300).toString('utf8'),
      reply: reply.slice(0, 500),
    });
    const outgoing = httpRequest(`${url}${planned.path}`, { method: planned.method, headers, agent }, (incoming) => {
      const status = incoming.statusCode ?? 0;
      const parts: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => {
        if (status >= 500) parts.push(chunk);
      });
      incoming.on('error', () => undefined);
      incoming.on('close', () => settle(status, Buffer.concat(parts).toString('utf8'), status >= 500 ? report.serverErrors : undefined));
    });
    outgoing.setTimeout(REQUEST_TIMEOUT_MS, () => {
      settle('hang', undefined, report.hangs);
      outgoing.destroy();
    });
    outgoing.on('error', (error: Error) => {
      // The gateway answers an oversized body with 413 and closes before reading the rest;
      // the client may see that as a reset while it is still writing. Anything else is a fault.
      if (planned.kind.startsWith('oversize')) settle('closed-oversize', undefined, undefined);
      else settle(error.message, undefined, report.networkErrors);
    });
    if (planned.body === undefined) outgoing.end();
    else if (planned.chunked === true) writeInParts(outgoing, planned.body);
    else outgoing.end(planned.body);
  });
}

function writeInParts(outgoing: ReturnType<typeof httpRequest>, body: Buffer): void {
  const part = 64 * 1024;
  for (let offset = 0; offset < body.length; offset += part) outgoing.write(body.subarray(offset, offset + part));
  outgoing.end();
}
