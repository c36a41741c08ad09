// Stored Responses through the gateway with the official `openai` client, on SQLite and on
// PostgreSQL: responses.create/stream keep the Response, retrieve/delete/inputItems.list read
// it back, previous_response_id continues a conversation (bridged: the earlier turns reach
// the upstream as history; OpenAI: the follow-up goes back to the deployment holding it),
// store: false keeps nothing, and another key sees nothing.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { FakeChatReply, FakeServer, RecordedRequest } from '@llmux/fake-upstreams';
import { waitForSpendRows } from './helpers/wait-for-spend-rows.js';
import { BACKEND_NAMES, openBackend, type Backend } from './helpers/store-backends.js';
import { STORED_MASTER_KEY, STORED_MODELS, startStoredResponsesWorld, type StoredResponsesWorld } from './helpers/responses-stored-gateway.js';
import { WEATHER_TOOL } from './helpers/responses-weather-tool.js';

/** The fakes answer by the newest turn marker in the prompt, whatever wire format carried it. */
function reply(request: RecordedRequest): FakeChatReply {
  const text = request.text;
  if (text.includes('18C')) return { content: 'It is 18 degrees in Paris.', usage: { promptTokens: 30, completionTokens: 8 } };
  if (text.includes('weather?'))
    return { toolCalls: [{ id: 'call_paris', name: 'get_weather', arguments: '{"city":"Paris"}' }], finish: 'tool_calls', usage: { promptTokens: 20, completionTokens: 9 } };
  for (const [marker, answer] of [
    ['turn three', 'Third answer'],
    ['turn two', 'Second answer'],
    ['turn one', 'First answer'],
  ] as const) {
    if (text.includes(marker)) return { content: answer, usage: { promptTokens: 20, completionTokens: 2 } };
  }
  return { content: 'Hello from the upstream', usage: { promptTokens: 12, completionTokens: 5 } };
}

const notFound = (error: unknown): boolean => error instanceof OpenAI.NotFoundError;

for (const backendName of BACKEND_NAMES) {
  describe(`stored Responses on ${backendName}`, () => {
    let backend: Backend;
    let world: StoredResponsesWorld;
    let client: OpenAI;
    before(async () => {
      const opened = await openBackend(backendName);
      if (typeof opened === 'string') throw new Error(opened);
      backend = opened;
      world = await startStoredResponsesWorld(backend, reply);
      client = world.client(await world.newKey());
    });
    after(async () => {
      await world?.close();
      await backend?.cleanup();
    });

    it('keeps a created Response: retrieve, inputItems.list, delete, then 404', async () => {
      const created = await client.responses.create({
        model: STORED_MODELS.anthropic,
        input: [
          { role: 'user', content: 'hi' },
          { role: 'user', content: [{ type: 'input_text', text: 'there' }] },
        ],
      });
      const fetched = await client.responses.retrieve(created.id);
      assert.deepEqual(fetched, { ...created, output_text: fetched.output_text });
      assert.equal(fetched.output_text, 'Hello from the upstream');

      const listed = await client.responses.inputItems.list(created.id);
      assert.equal(listed.data.length, 2);
      // Newest first by default, as OpenAI lists them; string content becomes a text part.
      const [second, first] = listed.data as Array<{ id: string; type: string; role: string; content: Array<{ type: string; text: string }> }>;
      assert.deepEqual(first?.content, [{ type: 'input_text', text: 'hi' }]);
      assert.deepEqual(second?.content, [{ type: 'input_text', text: 'there' }]);
      assert.equal(first?.type, 'message');
      assert.match(first?.id ?? '', /^msg_/);
      const ascending = await client.responses.inputItems.list(created.id, { order: 'asc', limit: 1 });
      assert.equal(ascending.data.length, 1);
      assert.equal(ascending.data[0]?.id, first?.id);
      assert.equal(ascending.has_more, true);
      const all: string[] = [];
      for await (const item of client.responses.inputItems.list(created.id, { order: 'asc', limit: 1 })) all.push(item.id);
      assert.deepEqual(all, [first?.id, second?.id]);

      const raw = await fetch(`${world.gateway.url}/v1/responses/${created.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${client.apiKey}` } });
      assert.equal(raw.status, 200);
      assert.deepEqual(await raw.json(), { id: created.id, object: 'response.deleted', deleted: true });
      await assert.rejects(client.responses.retrieve(created.id), notFound);
      await assert.rejects(client.responses.delete(created.id), notFound);
      await assert.rejects(client.responses.inputItems.list(created.id), notFound);
    });

    it('keeps streamed Responses, bridged and passed through, as response.completed carried them', async () => {
      for (const model of [STORED_MODELS.gemini, STORED_MODELS.openai]) {
        const final = await client.responses.stream({ model, input: 'hi' }).finalResponse();
        assert.equal(final.status, 'completed');
        const fetched = await client.responses.retrieve(final.id);
        assert.equal(fetched.id, final.id);
        assert.equal(fetched.output_text, 'Hello from the upstream', model);
        // The client adds `parsed` to the parts it streamed; the items are the same.
        assert.deepEqual(
          fetched.output.map((item) => item.id),
          final.output.map((item) => item.id),
        );
        assert.deepEqual(fetched.usage, final.usage);
        const items = await client.responses.inputItems.list(final.id);
        assert.deepEqual((items.data[0] as { content?: unknown }).content, [{ type: 'input_text', text: 'hi' }]);
      }
    });

    it('continues a bridged conversation over three turns: turns 1 and 2 reach the upstream as history', async () => {
      const one = await client.responses.create({ model: STORED_MODELS.anthropic, instructions: 'Be terse.', input: 'turn one: my name is Ada' });
      const two = await client.responses.create({ model: STORED_MODELS.anthropic, previous_response_id: one.id, input: 'turn two: what is my name?' });
      assert.equal(two.output_text, 'Second answer');
      assert.equal(two.previous_response_id, one.id);
      const three = await client.responses.stream({ model: STORED_MODELS.anthropic, previous_response_id: two.id, input: 'turn three: spell it' }).finalResponse();
      assert.equal(three.output_text, 'Third answer');
      const sent = world.anthropic.requests.at(-1)?.json as { system?: unknown; messages: Array<{ role: string; content: unknown }> };
      const turns = sent.messages.map((message) => [message.role, JSON.stringify(message.content)]);
      assert.deepEqual(
        turns.map(([role, content]) => [role, /turn one|First answer|turn two|Second answer|turn three/.exec(content ?? '')?.[0]]),
        [
          ['user', 'turn one'],
          ['assistant', 'First answer'],
          ['user', 'turn two'],
          ['assistant', 'Second answer'],
          ['user', 'turn three'],
        ],
      );
      // The first turn's instructions are not carried over (OpenAI's rule for previous_response_id).
      assert.equal(sent.system, undefined);
      // The third turn is kept too, pointing back at the second.
      const fetched = await client.responses.retrieve(three.id);
      assert.equal(fetched.previous_response_id, two.id);
    });

    it('answers a streamed tool call through previous_response_id with only the function_call_output (the Codex turn)', async () => {
      for (const model of [STORED_MODELS.anthropic, STORED_MODELS.gemini]) {
        const first = await client.responses.stream({ model, input: 'weather?', tools: [WEATHER_TOOL] }).finalResponse();
        const call = first.output.find((item) => item.type === 'function_call');
        assert.ok(call !== undefined && call.type === 'function_call', JSON.stringify(first.output));
        const second = await client.responses.create({
          model,
          previous_response_id: first.id,
          tools: [WEATHER_TOOL],
          input: [{ type: 'function_call_output', call_id: call.call_id, output: '18C' }],
        });
        assert.equal(second.output_text, 'It is 18 degrees in Paris.', model);
        const upstream = model === STORED_MODELS.anthropic ? world.anthropic : world.gemini;
        const sent = upstream.requests.at(-1)?.text ?? '';
        // The stored turn's question and its tool call went up before the result.
        assert.ok(sent.indexOf('weather?') !== -1 && sent.indexOf('get_weather') < sent.lastIndexOf('18C'), sent);
      }
    });

    it('bills each turn once, for the prompt the upstream reported (history included)', async () => {
      const key = await world.newKey();
      const owner = world.client(key);
      const one = await owner.responses.create({ model: STORED_MODELS.anthropic, input: 'turn one: count me' });
      await owner.responses.create({ model: STORED_MODELS.anthropic, previous_response_id: one.id, input: 'turn two: and me' });
      await owner.responses.retrieve(one.id);
      await owner.responses.inputItems.list(one.id);
      const rows = await waitForSpendRows(world.admin, key, 2);
      // Reads are not calls; the two turns are one row each, with the upstream's own token counts.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const settled = await waitForSpendRows(world.admin, key, 2);
      assert.equal(settled.length, 2, JSON.stringify(rows));
      assert.deepEqual(settled.map((row) => row.prompt_tokens).sort(), [20, 20]);
    });

    it('sends a follow-up on an OpenAI group of two deployments back to the one holding the previous Response, body unchanged', async () => {
      const requests = (server: FakeServer): number => server.requests.length;
      const before = world.openai.map(requests);
      const first = await client.responses.create({ model: STORED_MODELS.openai, input: 'turn one: hello' });
      const holder = world.openai.findIndex((server, index) => requests(server) > (before[index] ?? 0));
      assert.notEqual(holder, -1);
      let previous = first.id;
      // Eight follow-ups: with two deployments, a pick by chance would stray with odds 1 - 1/256.
      for (let turn = 0; turn < 8; turn += 1) {
        const stream = turn % 2 === 1;
        const body = { model: STORED_MODELS.openai, previous_response_id: previous, input: 'turn two: again' };
        const next = stream ? await client.responses.stream(body).finalResponse() : await client.responses.create(body);
        const last = world.openai[holder]?.requests.at(-1);
        assert.deepEqual(last?.json, { ...body, model: 'gpt-4o-mini', ...(stream ? { stream: true } : {}) }, `follow-up ${turn} went to the holder unchanged`);
        previous = next.id;
      }
      assert.equal(requests(world.openai[1 - holder] as FakeServer), before[1 - holder], 'the other deployment got no follow-up');
    });

    it('replays the stored turns to another OpenAI deployment when the one holding the previous Response is gone', async () => {
      const group = `gpt-moving-${backendName}`;
      const [holder, successor] = world.openai;
      const add = async (server: FakeServer, id: string) => {
        const added = await world.admin.post('/model/new', {
          model_name: group,
          litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${server.url}/v1`, api_key: 'sk-openai-stored' },
          model_info: { id },
        });
        assert.equal(added.status, 200, JSON.stringify(added.body));
      };
      await add(holder, `${group}-holder`);
      const first = await client.responses.create({ model: group, input: 'turn one: hello' });
      await add(successor, `${group}-successor`);
      assert.equal((await world.admin.post('/model/delete', { id: `${group}-holder` })).status, 200);
      const next = await client.responses.create({ model: group, previous_response_id: first.id, input: 'turn two: again' });
      assert.equal(next.output_text, 'Second answer');
      assert.deepEqual(successor.requests.at(-1)?.json, {
        model: 'gpt-4o-mini',
        input: [
          { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'turn one: hello' }] },
          { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'First answer', annotations: [], logprobs: [] }] },
          { type: 'message', role: 'user', content: 'turn two: again' },
        ],
      });
    });

    it('keeps nothing with store: false (a later GET is 404, and it cannot be continued)', async () => {
      const created = await client.responses.create({ model: STORED_MODELS.anthropic, input: 'hi', store: false });
      // The Response echoes the setting (the openai client's type omits the field).
      assert.equal((created as unknown as { store: unknown }).store, false);
      await assert.rejects(client.responses.retrieve(created.id), notFound);
      const streamed = await client.responses.stream({ model: STORED_MODELS.openai, input: 'hi', store: false }).finalResponse();
      await assert.rejects(client.responses.retrieve(streamed.id), notFound);
      await assert.rejects(client.responses.create({ model: STORED_MODELS.anthropic, previous_response_id: created.id, input: 'more' }), (error: unknown) => {
        assert.ok(error instanceof OpenAI.BadRequestError);
        assert.equal(error.code, 'previous_response_not_found');
        assert.equal(error.param, 'previous_response_id');
        return true;
      });
    });

    it("answers another key's Response as not found, and lets the master key read and delete it", async () => {
      const created = await client.responses.create({ model: STORED_MODELS.gemini, input: 'hi' });
      const stranger = world.client(await world.newKey());
      await assert.rejects(stranger.responses.retrieve(created.id), notFound);
      await assert.rejects(stranger.responses.inputItems.list(created.id), notFound);
      await assert.rejects(stranger.responses.delete(created.id), notFound);
      await assert.rejects(
        stranger.responses.create({ model: STORED_MODELS.gemini, previous_response_id: created.id, input: 'turn two' }),
        (error: unknown) => error instanceof OpenAI.BadRequestError && error.code === 'previous_response_not_found',
      );
      const admin = world.client(STORED_MASTER_KEY);
      assert.equal((await admin.responses.retrieve(created.id)).id, created.id);
      assert.equal((await admin.responses.inputItems.list(created.id)).data.length, 1);
      // The owner still has it: the stranger's delete did nothing.
      assert.equal((await client.responses.retrieve(created.id)).id, created.id);
      await admin.responses.delete(created.id);
      await assert.rejects(client.responses.retrieve(created.id), notFound);
    });

    it("answers unknown ids in OpenAI's shapes, also without /v1", async () => {
      const unknown = await fetch(`${world.gateway.url}/responses/resp_nothing_here`, { headers: { authorization: `Bearer ${client.apiKey}` } });
      assert.equal(unknown.status, 404);
      const body = (await unknown.json()) as { error: { message: string } };
      assert.equal(body.error.message, "Response with id 'resp_nothing_here' not found.");
      await assert.rejects(
        client.responses.create({ model: STORED_MODELS.openai, previous_response_id: 'resp_nothing_here', input: 'hi' }),
        (error: unknown) => error instanceof OpenAI.BadRequestError && error.code === 'previous_response_not_found',
      );
      const created = await client.responses.create({ model: STORED_MODELS.anthropic, input: 'hi' });
      const badOrder = await fetch(`${world.gateway.url}/responses/${created.id}/input_items?order=sideways`, { headers: { authorization: `Bearer ${client.apiKey}` } });
      assert.equal(badOrder.status, 400);
    });
  });
}
