// Proves the fake watsonx.ai with IBM's official @ibm-cloud/watsonx-ai client: its
// IamAuthenticator exchanges the API key at the fake IAM (and reads the JWT it gets back),
// textChat() reads the chat reply and textChatStream() the SSE frames, generateText() and
// generateTextStream() the text generation reply and events, and a wrong project is the
// error watsonx sends.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { WatsonXAI } from '@ibm-cloud/watsonx-ai';
import { IamAuthenticator } from '@ibm-cloud/watsonx-ai/authentication';
import { startFakeWatsonxUpstream, type FakeWatsonxServer } from './fake-watsonx-upstream.js';

const API_KEY = 'fake-ibm-cloud-api-key-0123456789';
const PROJECT = 'fake-project-0001';
const MODEL = 'ibm/granite-3-8b-instruct';

describe('fake watsonx.ai upstream, driven by @ibm-cloud/watsonx-ai', () => {
  let fake: FakeWatsonxServer;
  let client: WatsonXAI;

  before(async () => {
    fake = await startFakeWatsonxUpstream({ apiKeys: [API_KEY], project: PROJECT, reply: () => ({ content: 'Hello from watsonx' }) });
    client = WatsonXAI.newInstance({ version: '2024-05-31', serviceUrl: fake.url, authenticator: new IamAuthenticator({ apikey: API_KEY, url: fake.url }) });
  });
  after(() => fake.close());

  it('textChat(): IAM token exchange, then the chat reply', async () => {
    const response = await client.textChat({ modelId: MODEL, projectId: PROJECT, messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal(response.status, 200);
    assert.equal(response.result.choices[0]?.message?.content, 'Hello from watsonx');
    assert.equal(response.result.model_id, MODEL);
    assert.equal(fake.issued.length, 1);
    const chat = fake.requests.at(-1);
    assert.equal(chat?.headers.authorization, `Bearer ${fake.issued[0]}`);
    assert.match(chat?.url ?? '', /^\/ml\/v1\/text\/chat\?version=2024-05-31/);
  });

  it('textChatStream(): the SSE frames as objects, the token reused', async () => {
    const stream = await client.textChatStream({ modelId: MODEL, projectId: PROJECT, messages: [{ role: 'user', content: 'Hi' }], returnObject: true });
    let text = '';
    for await (const item of stream) text += item.data.choices[0]?.delta?.content ?? '';
    assert.equal(text, 'Hello from watsonx');
    assert.equal(fake.issued.length, 1);
  });

  it('generateText() and generateTextStream(): results with token counts, then events ending on a stop reason', async () => {
    const response = await client.generateText({ modelId: MODEL, projectId: PROJECT, input: 'Say hi', parameters: { max_new_tokens: 20, decoding_method: 'greedy' } });
    assert.equal(response.status, 200);
    assert.equal(response.result.results[0]?.generated_text, 'Hello from watsonx');
    assert.equal(response.result.results[0]?.stop_reason, 'eos_token');
    assert.equal(typeof response.result.results[0]?.input_token_count, 'number');
    assert.match(fake.requests.at(-1)?.url ?? '', /^\/ml\/v1\/text\/generation\?version=2024-05-31/);
    assert.deepEqual(fake.requests.at(-1)?.json, { input: 'Say hi', model_id: MODEL, project_id: PROJECT, parameters: { max_new_tokens: 20, decoding_method: 'greedy' } });
    const stream = await client.generateTextStream({ modelId: MODEL, projectId: PROJECT, input: 'Say hi', returnObject: true });
    let text = '';
    const reasons: string[] = [];
    for await (const item of stream) {
      text += item.data.results[0]?.generated_text ?? '';
      reasons.push(item.data.results[0]?.stop_reason ?? '');
    }
    assert.equal(text, 'Hello from watsonx');
    assert.equal(reasons.at(-1), 'eos_token');
    assert.ok(reasons.slice(0, -1).every((reason) => reason === 'not_finished'));
  });

  it('a project the fake does not know is an error the client raises', async () => {
    await assert.rejects(
      client.textChat({ modelId: MODEL, projectId: 'someone-elses', messages: [{ role: 'user', content: 'Hi' }] }),
      (error: unknown) => error instanceof Error && /project|space/i.test(error.message),
    );
  });
});
