// Proves the fake Replicate API with the official `replicate` npm client: run() with
// `Prefer: wait` and polling, predictions.create + wait(), stream() over the prediction's
// stream URL, a failed prediction and a refused token as the client reports them.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import Replicate from 'replicate';
import { startFakeReplicateUpstream } from './fake-replicate-upstream.js';
import type { FakeServer } from './start-fake-server.js';

const TOKEN = 'r8_fake_token_for_the_official_client';

describe('fake Replicate upstream, driven by the official replicate client', () => {
  let quick: FakeServer;
  let slow: FakeServer;
  const client = (server: FakeServer, auth = TOKEN) => new Replicate({ auth, baseUrl: `${server.url}/v1`, useFileOutput: false });

  before(async () => {
    const failure = (request: { json?: unknown }) => (JSON.stringify(request.json).includes('explode') ? 'CUDA out of memory' : undefined);
    quick = await startFakeReplicateUpstream({ apiToken: TOKEN, reply: () => ({ content: 'Hello from Replicate' }), failure });
    slow = await startFakeReplicateUpstream({ apiToken: TOKEN, finishesWithinWait: false, pollsToFinish: 2, reply: () => ({ content: 'Slow but sure' }), failure });
  });
  after(async () => {
    await quick.close();
    await slow.close();
  });

  it('run() answers a quick prediction in the create call, with Prefer: wait', async () => {
    const output = await client(quick).run('meta/meta-llama-3-8b-instruct', { input: { prompt: 'Hi' } });
    assert.deepEqual(output, ['Hello', ' from', ' Replicate']);
    const sent = quick.requests.at(-1);
    assert.equal(sent?.url, '/v1/models/meta/meta-llama-3-8b-instruct/predictions');
    assert.equal(sent?.headers['prefer'], 'wait');
    assert.equal(sent?.headers.authorization, `Bearer ${TOKEN}`);
  });

  it('predictions.create + wait() polls a slow prediction to succeeded, with its metrics', async () => {
    const replicate = client(slow);
    const created = await replicate.predictions.create({ model: 'meta/meta-llama-3-8b-instruct', input: { prompt: 'Hi' } });
    assert.equal(created.status, 'starting');
    const done = await replicate.wait(created, { interval: 10 });
    assert.equal(done.status, 'succeeded');
    assert.deepEqual(done.output, ['Slow', ' but', ' sure']);
    assert.deepEqual(done.metrics, { input_token_count: 10, output_token_count: 3, predict_time: 0.1 });
    assert.ok(slow.requests.filter((request) => request.method === 'GET').length >= 2);
  });

  it('stream() reads the output events of the stream URL', async () => {
    const events: string[] = [];
    // `stream: true` asks for a stream URL (the fake gives one only then); the client's type
    // does not list it but the client sends every field it is given.
    const options = { input: { prompt: 'Hi' }, stream: true };
    for await (const event of client(quick).stream('meta/meta-llama-3-8b-instruct', options)) {
      if (event.event === 'output') events.push(event.data);
      else events.push(`<${event.event}>`);
    }
    assert.deepEqual(events, ['Hello', ' from', ' Replicate', '<done>']);
  });

  it('a failed prediction and a wrong token are errors the client raises', async () => {
    await assert.rejects(client(slow).run('meta/meta-llama-3-8b-instruct', { input: { prompt: 'explode' }, wait: { mode: 'poll', interval: 10 } }), /CUDA out of memory/);
    await assert.rejects(client(quick, 'r8_wrong').run('meta/meta-llama-3-8b-instruct', { input: { prompt: 'Hi' } }), /401/);
  });
});
