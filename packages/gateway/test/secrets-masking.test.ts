// No key in any error or log (issue 15, finding 7). A live virtual key presented malformed
// (quoted, behind a second Bearer, with a stray comma...) is a 401 that names what is wrong
// and never repeats the key; a key named malformed in a management call is a 404 that shows
// only its kind; an upstream that echoes the gateway's upstream key (whole, half-masked,
// behind Bearer, in quotes, in a text body) leaves no part of it in the client's error or
// in any log line. Whitespace between `Bearer` and the key is syntax, and is accepted.

import * as assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { createLogger } from '../src/logging/create-logger.js';
import { httpRequest } from './helpers/http-request.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';

const MASTER_KEY = 'sk-master-secrets-test';
// Tails drawn from upper-case consonants: no hex id, number or English word carries four in a row.
const LETTERS = 'BCDFGHJKLMNPQRSTVWXZ';
const randomTail = (length: number): string => Array.from({ length }, () => LETTERS[randomInt(LETTERS.length)]).join('');
const VIRTUAL_TAIL = randomTail(24);
const VIRTUAL_KEY = `sk-${VIRTUAL_TAIL}`;
const UPSTREAM_TAIL = randomTail(40);
const UPSTREAM_KEY = `sk-proj-${UPSTREAM_TAIL}`;

/** Fails if any four characters in a row of the key's random tail are in `text`. */
function assertNoPartOf(tail: string, text: string, where: string): void {
  for (let start = 0; start + 4 <= tail.length; start += 1) {
    const part = tail.slice(start, start + 4);
    assert.ok(!text.includes(part), `${where} carries "${part}" of the key: ${text.slice(0, 600)}`);
  }
}

/** How the fake upstream repeats the key it was given, chosen by the path's first segment. */
const ECHOES: Record<string, (key: string) => { status: number; type: string; body: string }> = {
  whole: (key) => json(401, `Incorrect API key provided: ${key}.`),
  'openai-style': (key) =>
    json(401, `Incorrect API key provided: ${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}. You can find your API key at https://example.invalid.`),
  bearer: (key) => json(403, `Authorization header "Bearer ${key}" refused`),
  quoted: (key) => json(401, `{"api_key": "${key}"} is not valid`),
  'text-500': (key) => ({ status: 500, type: 'text/plain', body: `upstream crashed handling key=${key}\n` }),
};

function json(status: number, message: string): { status: number; type: string; body: string } {
  return { status, type: 'application/json', body: JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }) };
}

function startEchoUpstream(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const mode = (request.url ?? '/').split('/')[1] ?? '';
      const presented = (request.headers.authorization ?? '').replace(/^Bearer /, '');
      const echo = ECHOES[mode] ?? ECHOES['whole'];
      const reply = (echo as (key: string) => { status: number; type: string; body: string })(presented);
      response.writeHead(reply.status, { 'content-type': reply.type }).end(reply.body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
}

describe('secrets in errors and logs', () => {
  let upstream: { url: string; server: Server };
  let gateway: TestGateway;
  const chatBody = JSON.stringify({ model: 'echo-whole', messages: [{ role: 'user', content: 'hi' }] });

  before(async () => {
    upstream = await startEchoUpstream();
    gateway = await startTestGateway({
      model_list: Object.keys(ECHOES).map((mode) => ({
        model_name: `echo-${mode}`,
        litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/${mode}/v1`, api_key: UPSTREAM_KEY },
      })),
      general_settings: { master_key: MASTER_KEY },
    });
    const created = await httpRequest(`${gateway.url}/key/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key: VIRTUAL_KEY }),
    });
    assert.equal(created.status, 200, created.text);
  });
  after(async () => {
    await gateway.close();
    await new Promise((resolve) => upstream.server.close(resolve));
  });

  const logText = (): string => gateway.logs.lines.join('');

  const MALFORMED: Array<[string, Record<string, string>, RegExp]> = [
    ['a second Bearer', { authorization: `Bearer Bearer ${VIRTUAL_KEY}` }, /second "Bearer "/],
    ['double quotes', { authorization: `Bearer "${VIRTUAL_KEY}"` }, /quotes/],
    ['single quotes', { authorization: `Bearer '${VIRTUAL_KEY}'` }, /quotes/],
    ['a trailing comma', { authorization: `Bearer ${VIRTUAL_KEY},` }, /commas/],
    ['text after it', { authorization: `Bearer ${VIRTUAL_KEY} please` }, /spaces/],
    ['one character too many', { authorization: `Bearer ${VIRTUAL_KEY}x` }, /^Invalid API key\.$/],
    ['the whole header in quotes', { authorization: `"Bearer ${VIRTUAL_KEY}"` }, /No API key provided/],
    ['no scheme', { authorization: VIRTUAL_KEY }, /No API key provided/],
    ['x-api-key in quotes', { 'x-api-key': `"${VIRTUAL_KEY}"` }, /quotes/],
    ['x-api-key behind Bearer', { 'x-api-key': `Bearer ${VIRTUAL_KEY}` }, /second "Bearer "/],
    ['api-key with a semicolon', { 'api-key': `${VIRTUAL_KEY};` }, /semicolons/],
  ];

  for (const [name, headers, message] of MALFORMED) {
    it(`answers a live key sent with ${name} with a 401 that does not repeat it`, async () => {
      for (const [method, path] of [
        ['POST', '/v1/chat/completions'],
        ['GET', '/key/info'],
      ] as const) {
        const before = gateway.logs.lines.length;
        const reply = await httpRequest(`${gateway.url}${path}`, {
          method,
          headers: { ...headers, 'content-type': 'application/json' },
          ...(method === 'POST' ? { body: chatBody } : {}),
        });
        assert.equal(reply.status, 401, `${path}: ${reply.text}`);
        const error = (reply.json as { error: { message: string; code: string } }).error;
        assert.match(error.message, message);
        assertNoPartOf(VIRTUAL_TAIL, reply.text, `${path} body`);
        assert.ok(gateway.logs.lines.length > before, 'the request was logged');
        assertNoPartOf(VIRTUAL_TAIL, gateway.logs.lines.slice(before).join(''), `${path} log`);
      }
    });
  }

  it('accepts spaces and tabs between Bearer and the key, and any case of Bearer', async () => {
    for (const authorization of [`Bearer \t  ${VIRTUAL_KEY}`, `bearer ${VIRTUAL_KEY}   `, `BEARER\t${VIRTUAL_KEY}`]) {
      const reply = await httpRequest(`${gateway.url}/key/info`, { headers: { authorization } });
      assert.equal(reply.status, 200, `${JSON.stringify(authorization)}: ${reply.text}`);
    }
  });

  it('names a malformed key in a management call by its kind only (404, or 400 for a control character)', async () => {
    const admin = { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' };
    const names = [` ${VIRTUAL_KEY}`, `"${VIRTUAL_KEY}"`, `Bearer ${VIRTUAL_KEY}`, `${VIRTUAL_KEY}\n`, `'${VIRTUAL_KEY}'`];
    for (const name of names) {
      const calls = [
        httpRequest(`${gateway.url}/key/info?key=${encodeURIComponent(name)}`, { headers: admin }),
        httpRequest(`${gateway.url}/key/update`, { method: 'POST', headers: admin, body: JSON.stringify({ key: name, rpm_limit: 1 }) }),
        httpRequest(`${gateway.url}/key/delete`, { method: 'POST', headers: admin, body: JSON.stringify({ keys: [name] }) }),
        httpRequest(`${gateway.url}/key/block`, { method: 'POST', headers: admin, body: JSON.stringify({ key: name }) }),
        httpRequest(`${gateway.url}/key/regenerate`, { method: 'POST', headers: admin, body: JSON.stringify({ key: name }) }),
      ];
      for (const reply of await Promise.all(calls)) {
        // A newline may be refused as an invalid id (400) before any lookup; the rest are not found.
        const answer = [reply.status, (reply.json as { error: { code: string } }).error.code];
        if (name.includes('\n') && reply.status === 400) assert.deepEqual(answer, [400, 'invalid_value'], reply.text);
        else assert.deepEqual(answer, [404, 'key_not_found'], reply.text);
        assertNoPartOf(VIRTUAL_TAIL, reply.text, `404 for ${JSON.stringify(name)}`);
      }
    }
    assertNoPartOf(VIRTUAL_TAIL, logText(), 'the log');
    // The key itself still works: nothing above touched it.
    assert.equal((await httpRequest(`${gateway.url}/key/info`, { headers: { authorization: `Bearer ${VIRTUAL_KEY}` } })).status, 200);
  });

  it('masks a key given as another id in a management error (team, user, customer, alias)', async () => {
    const admin = { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' };
    const replies = await Promise.all([
      httpRequest(`${gateway.url}/team/info?team_id=${VIRTUAL_KEY}`, { headers: admin }),
      httpRequest(`${gateway.url}/user/info?user_id=${VIRTUAL_KEY}`, { headers: admin }),
      httpRequest(`${gateway.url}/customer/info?end_user_id=${VIRTUAL_KEY}`, { headers: admin }),
      httpRequest(`${gateway.url}/key/delete`, { method: 'POST', headers: admin, body: JSON.stringify({ key_aliases: [VIRTUAL_KEY] }) }),
      httpRequest(`${gateway.url}/key/generate`, { method: 'POST', headers: admin, body: JSON.stringify({ team_id: VIRTUAL_KEY }) }),
    ]);
    for (const reply of replies) {
      assert.ok(reply.status === 400 || reply.status === 404, reply.text);
      assert.match(reply.text, /sk-\*\*\*\*/);
      assertNoPartOf(VIRTUAL_TAIL, reply.text, 'the error body');
    }
    assertNoPartOf(VIRTUAL_TAIL, logText(), 'the log');
  });

  it('masks a key a client puts in a body field in the error reply, in OpenAI and Anthropic shape', async () => {
    for (const path of ['/v1/chat/completions', '/v1/messages']) {
      const reply = await httpRequest(`${gateway.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: VIRTUAL_KEY, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
      });
      assert.equal(reply.status, 404, `${path}: ${reply.text}`);
      assert.match(reply.text, /sk-\*{4}/);
      assertNoPartOf(VIRTUAL_TAIL, reply.text, `${path} body`);
    }
  });

  it('masks a key a client puts in a body field in the log line', async () => {
    const before = gateway.logs.lines.length;
    const reply = await httpRequest(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: VIRTUAL_KEY, messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.ok(reply.status >= 400 && reply.status < 500, reply.text);
    assertNoPartOf(VIRTUAL_TAIL, gateway.logs.lines.slice(before).join(''), 'the log');
  });

  it("masks keys in every other log line: the message, any field, an error's message and stack", () => {
    const lines: string[] = [];
    for (const level of ['info', 'debug']) {
      const logger = createLogger(level, { write: (line: string) => void lines.push(line) });
      const error = new Error(`upstream said: Incorrect API key ${UPSTREAM_KEY}`);
      logger.error({ err: error, detail: { header: `Bearer ${VIRTUAL_KEY}`, list: [`"${VIRTUAL_KEY}"`] } }, `could not use ${UPSTREAM_KEY}`);
      logger.warn(`config: api_key=${VIRTUAL_KEY} looks wrong`);
    }
    assert.equal(lines.length, 4);
    for (const line of lines) {
      assert.match(line, /\*\*\*\*/);
      assertNoPartOf(VIRTUAL_TAIL, line, 'a log line');
      assertNoPartOf(UPSTREAM_TAIL, line, 'a log line');
    }
    assert.match(lines[0] ?? '', /"stack":"Error: upstream said: Incorrect API key sk-proj-\*\*\*\*/);
  });

  for (const mode of Object.keys(ECHOES)) {
    it(`keeps the upstream key out of the client's error and the logs when the upstream echoes it (${mode})`, async () => {
      const before = gateway.logs.lines.length;
      const raw = await httpRequest(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${VIRTUAL_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: `echo-${mode}`, messages: [{ role: 'user', content: 'hi' }] }),
      });
      assert.ok(raw.status >= 400, raw.text);
      assertNoPartOf(UPSTREAM_TAIL, raw.text, 'the error body');
      const client = new OpenAI({ apiKey: VIRTUAL_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
      await assert.rejects(client.chat.completions.create({ model: `echo-${mode}`, messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
        assert.ok(error instanceof OpenAI.APIError);
        assertNoPartOf(UPSTREAM_TAIL, `${error.message} ${JSON.stringify(error.error)}`, 'the OpenAI client error');
        return true;
      });
      assert.ok(gateway.logs.lines.length > before, 'the calls were logged');
      assertNoPartOf(UPSTREAM_TAIL, gateway.logs.lines.slice(before).join(''), 'the log');
    });
  }
});
