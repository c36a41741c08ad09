// How a Bedrock call authenticates, through completion(): SigV4 from settings (with a
// session token) or from the environment, a Bedrock API key as a bearer token, endpoint
// overrides, and a 401 naming exactly what is missing when nothing is configured.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { startFakeBedrockUpstream } from '@llmux/fake-upstreams';
import { AuthenticationError, completion } from '../../index.js';
import { useClearedEnv } from '../__fixtures__/saved-env.js';
import { useFakeServer } from '../__fixtures__/use-fake-upstream.js';

const REGION = 'eu-central-1';
const CREDENTIALS = { accessKeyId: 'AKIAFAKEAUTH00000001', secretAccessKey: 'fake-auth-secret-0000000000000000000000', sessionToken: 'FwoGZXIvYXdzEfakeSessionToken000' };
const API_KEY = 'ABSKfakeBedrockApiKey000000000000';
const AWS_ENV = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_BEARER_TOKEN_BEDROCK',
  'AWS_BEDROCK_RUNTIME_ENDPOINT',
] as const;
const messages = [{ role: 'user' as const, content: 'hi' }];

describe('bedrock authentication', () => {
  const upstream = useFakeServer(() => startFakeBedrockUpstream({ ...CREDENTIALS, region: REGION, apiKey: API_KEY }));
  useClearedEnv(AWS_ENV, 'each');

  it('signs with credentials and a session token from the call settings', async () => {
    const response = await completion({
      model: 'bedrock/anthropic.claude-3-haiku-20240307-v1:0',
      messages,
      aws_access_key_id: CREDENTIALS.accessKeyId,
      aws_secret_access_key: CREDENTIALS.secretAccessKey,
      aws_session_token: CREDENTIALS.sessionToken,
      aws_region_name: REGION,
      aws_bedrock_runtime_endpoint: `${upstream.fake.url}/`,
    });
    assert.equal(response.choices[0]?.message.content, 'Hello from anthropic.claude-3-haiku-20240307-v1:0');
    const sent = upstream.fake.requests.at(-1);
    assert.equal(sent?.headers['x-amz-security-token'], CREDENTIALS.sessionToken);
    assert.match(sent?.headers.authorization ?? '', /SignedHeaders=[^,]*x-amz-security-token/);
  });

  it('signs with AWS_* environment variables and api_base as the endpoint', async () => {
    process.env['AWS_ACCESS_KEY_ID'] = CREDENTIALS.accessKeyId;
    process.env['AWS_SECRET_ACCESS_KEY'] = CREDENTIALS.secretAccessKey;
    process.env['AWS_SESSION_TOKEN'] = CREDENTIALS.sessionToken;
    process.env['AWS_DEFAULT_REGION'] = REGION;
    const response = await completion({ model: 'bedrock/anthropic.claude-3-haiku-20240307-v1:0', messages, api_base: upstream.fake.url });
    assert.equal(response.object, 'chat.completion');
    assert.match(upstream.fake.requests.at(-1)?.headers.authorization ?? '', /\/eu-central-1\/bedrock\/aws4_request/);
  });

  it('sends a Bedrock API key as a bearer token, from api_key or AWS_BEARER_TOKEN_BEDROCK, needing no region with an endpoint', async () => {
    await completion({ model: 'bedrock/anthropic.claude-3-haiku-20240307-v1:0', messages, api_key: API_KEY, aws_bedrock_runtime_endpoint: upstream.fake.url });
    assert.equal(upstream.fake.requests.at(-1)?.headers.authorization, `Bearer ${API_KEY}`);
    process.env['AWS_BEARER_TOKEN_BEDROCK'] = API_KEY;
    process.env['AWS_BEDROCK_RUNTIME_ENDPOINT'] = upstream.fake.url;
    await completion({ model: 'bedrock/anthropic.claude-3-haiku-20240307-v1:0', messages });
    assert.equal(upstream.fake.requests.at(-1)?.headers.authorization, `Bearer ${API_KEY}`);
    await assert.rejects(
      completion({ model: 'bedrock/anthropic.claude-3-haiku-20240307-v1:0', messages, api_key: 'ABSKwrongKey000000000000' }),
      (error: unknown) => error instanceof AuthenticationError && !error.message.includes('ABSKwrongKey000000000000'),
    );
  });

  it('names what is missing, before sending anything', async () => {
    const sent = upstream.fake.requests.length;
    const base = { model: 'bedrock/anthropic.claude-3-haiku-20240307-v1:0', messages, aws_bedrock_runtime_endpoint: upstream.fake.url };
    await assert.rejects(completion(base), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.equal(error.code, 'missing_aws_credentials');
      assert.match(error.message, /aws_access_key_id and aws_secret_access_key.*AWS_ACCESS_KEY_ID.*AWS_BEARER_TOKEN_BEDROCK/);
      return true;
    });
    await assert.rejects(completion({ ...base, aws_access_key_id: CREDENTIALS.accessKeyId }), /aws_secret_access_key is missing/);
    await assert.rejects(completion({ ...base, aws_secret_access_key: CREDENTIALS.secretAccessKey }), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.match(error.message, /aws_access_key_id is missing/);
      assert.ok(!error.message.includes(CREDENTIALS.secretAccessKey));
      return true;
    });
    await assert.rejects(
      completion({ ...base, aws_access_key_id: CREDENTIALS.accessKeyId, aws_secret_access_key: CREDENTIALS.secretAccessKey }),
      /missing AWS region for provider "bedrock": pass aws_region_name or set AWS_REGION or AWS_DEFAULT_REGION/,
    );
    assert.equal(upstream.fake.requests.length, sent);
  });
});
