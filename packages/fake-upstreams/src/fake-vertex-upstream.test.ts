// Proves the fake Vertex AI endpoint and the fake token server are faithful: a token obtained
// with a hand-signed service-account JWT opens the fake to the official clients,
// @anthropic-ai/vertex-sdk (Claude rawPredict / streamRawPredict) and @google/genai in
// Vertex mode (Gemini generateContent).

import { strict as assert } from 'node:assert';
import { createPrivateKey, sign } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';
import { GoogleGenAI } from '@google/genai';
import { OAuth2Client } from 'google-auth-library';
import { createFakeServiceAccount, type FakeServiceAccount } from './fake-google-service-account.js';
import { startFakeGoogleTokenServer, type FakeGoogleTokenServer } from './fake-google-token-server.js';
import { startFakeVertexUpstream } from './fake-vertex-upstream.js';
import type { FakeServer } from './start-fake-server.js';

const PROJECT = 'fake-project-42';
const REGION = 'us-east5';
const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** A JWT bearer assertion signed by hand, independent of the SDK's own signer. */
function assertionFor(account: FakeServiceAccount, overrides: Record<string, unknown> = {}, key = account.keyFile.private_key): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = { iss: account.keyFile.client_email, scope: SCOPE, aud: account.keyFile.token_uri, iat: now, exp: now + 3600, ...overrides };
  const input = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), createPrivateKey(key)).toString('base64url')}`;
}

async function exchange(tokenServer: FakeGoogleTokenServer, assertion: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(tokenServer.tokenUri, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('fake Google token server', () => {
  let tokenServer: FakeGoogleTokenServer;
  let account: FakeServiceAccount;

  before(async () => {
    tokenServer = await startFakeGoogleTokenServer();
    account = tokenServer.createServiceAccount();
  });
  after(() => tokenServer.close());

  it('issues a token for a correctly signed assertion', async () => {
    const { status, body } = await exchange(tokenServer, assertionFor(account));
    assert.equal(status, 200);
    assert.equal(body['token_type'], 'Bearer');
    assert.equal(body['expires_in'], 3599);
    assert.deepEqual(tokenServer.issued, [body['access_token']]);
  });

  it('rejects a bad signature, a wrong audience and an over-long lifetime', async () => {
    const other = createFakeServiceAccount({ tokenUri: tokenServer.tokenUri });
    const forged = await exchange(tokenServer, assertionFor(account, {}, other.keyFile.private_key));
    assert.equal(forged.status, 400);
    assert.deepEqual(forged.body, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    const audience = await exchange(tokenServer, assertionFor(account, { aud: 'https://oauth2.googleapis.com/token' }));
    assert.match(String(audience.body['error_description']), /audience/);
    const now = Math.floor(Date.now() / 1000);
    const long = await exchange(tokenServer, assertionFor(account, { iat: now, exp: now + 7200 }));
    assert.match(String(long.body['error_description']), /short-lived/);
    assert.equal(tokenServer.issued.length, 1);
  });
});

describe('fake Vertex AI upstream, driven by the official clients', () => {
  let tokenServer: FakeGoogleTokenServer;
  let vertex: FakeServer;
  let token: string;

  before(async () => {
    tokenServer = await startFakeGoogleTokenServer();
    const account = tokenServer.createServiceAccount({ projectId: PROJECT });
    vertex = await startFakeVertexUpstream({ tokens: tokenServer.issued, project: PROJECT });
    token = String((await exchange(tokenServer, assertionFor(account))).body['access_token']);
  });
  after(async () => {
    await vertex.close();
    await tokenServer.close();
  });

  const authClient = (accessToken: string): OAuth2Client => {
    const client = new OAuth2Client();
    client.setCredentials({ access_token: accessToken, expiry_date: Date.now() + 3_600_000 });
    return client;
  };

  it('serves Claude rawPredict to AnthropicVertex', async () => {
    const client = new AnthropicVertex({ projectId: PROJECT, region: REGION, baseURL: `${vertex.url}/v1`, authClient: authClient(token), maxRetries: 0 });
    const message = await client.messages.create({ model: 'claude-sonnet-4-5@20250929', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
    assert.deepEqual(message.content, [{ type: 'text', text: 'Hello from claude-sonnet-4-5@20250929' }]);
    const recorded = vertex.requests.at(-1);
    assert.equal(recorded?.url, `/v1/projects/${PROJECT}/locations/${REGION}/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict`);
    assert.equal(recorded?.headers.authorization, `Bearer ${token}`);
    // The version travels in the body on Vertex (this client release sends its dated API version).
    assert.match((recorded?.json as { anthropic_version: string }).anthropic_version, /^(vertex-)?\d{4}-\d{2}-\d{2}$/);
    assert.equal((recorded?.json as { model?: string }).model, undefined);
  });

  it('streams Claude streamRawPredict to AnthropicVertex', async () => {
    const client = new AnthropicVertex({ projectId: PROJECT, region: REGION, baseURL: `${vertex.url}/v1`, authClient: authClient(token), maxRetries: 0 });
    const stream = client.messages.stream({ model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
    const message = await stream.finalMessage();
    assert.deepEqual(message.content, [{ type: 'text', text: 'Hello from claude-haiku-4-5' }]);
    assert.match(vertex.requests.at(-1)?.url ?? '', /:streamRawPredict$/);
  });

  it('refuses a call naming a beta flag Vertex does not accept, and takes one it does', async () => {
    const client = new AnthropicVertex({ projectId: PROJECT, region: REGION, baseURL: `${vertex.url}/v1`, authClient: authClient(token), maxRetries: 0 });
    const ask = (betas: string[]) => client.beta.messages.create({ model: 'claude-sonnet-4-5@20250929', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }], betas });
    await assert.rejects(ask(['interleaved-thinking-2025-05-14', 'oauth-2025-04-20']), (error: unknown) => error instanceof Error && /invalid beta flag/.test(error.message));
    assert.equal(vertex.requests.at(-1)?.headers['anthropic-beta'], 'interleaved-thinking-2025-05-14,oauth-2025-04-20');
    const message = await ask(['interleaved-thinking-2025-05-14']);
    assert.equal(message.type, 'message');
  });

  it('refuses an unknown token and a foreign project', async () => {
    const stranger = new AnthropicVertex({ projectId: PROJECT, region: REGION, baseURL: `${vertex.url}/v1`, authClient: authClient('ya29.not-issued'), maxRetries: 0 });
    await assert.rejects(stranger.messages.create({ model: 'claude-haiku-4-5', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }), { status: 401 });
    const foreign = new AnthropicVertex({ projectId: 'other-project', region: REGION, baseURL: `${vertex.url}/v1`, authClient: authClient(token), maxRetries: 0 });
    await assert.rejects(foreign.messages.create({ model: 'claude-haiku-4-5', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }), { status: 403 });
  });

  it('serves Gemini generateContent to @google/genai in Vertex mode', async () => {
    const client = new GoogleGenAI({
      vertexai: true,
      project: PROJECT,
      location: REGION,
      httpOptions: { baseUrl: vertex.url },
      googleAuthOptions: { authClient: authClient(token) },
    });
    const response = await client.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' });
    assert.equal(response.text, 'Hello from gemini-2.5-flash');
    assert.equal(vertex.requests.at(-1)?.url, `/v1beta1/projects/${PROJECT}/locations/${REGION}/publishers/google/models/gemini-2.5-flash:generateContent`);
    const stream = await client.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'hi' });
    const texts: string[] = [];
    for await (const chunk of stream) texts.push(chunk.text ?? '');
    assert.equal(texts.join(''), 'Hello from gemini-2.5-flash');
  });
});
