// /v1/responses through the gateway with the official `openai` client, for each kind of
// deployment: OpenAI (passed through: the fake checks the body arrived unchanged apart from
// model) and Anthropic, Gemini and Bedrock (bridged through the canonical chat form).

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type OpenAI from 'openai';
import type { FakeChatReply, RecordedRequest } from '@llmux/fake-upstreams';
import { waitForSpendRows } from './helpers/wait-for-spend-rows.js';
import { RESPONSES_MASTER_KEY, RESPONSES_MODELS, startResponsesGateway, type ResponsesGateway, type ResponsesUpstream } from './helpers/responses-gateway.js';
import { WEATHER_TOOL } from './helpers/responses-weather-tool.js';

const ALL: ResponsesUpstream[] = ['openai', 'anthropic', 'gemini', 'bedrock'];
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** The fakes answer by what the prompt holds, whatever wire format carried it. */
function reply(request: RecordedRequest): FakeChatReply {
  const text = request.text;
  if (text.includes('18C')) return { content: 'It is 18 degrees in Paris.', usage: { promptTokens: 30, completionTokens: 8 } };
  if (text.includes('weather?'))
    return { toolCalls: [{ id: 'call_paris', name: 'get_weather', arguments: '{"city":"Paris"}' }], finish: 'tool_calls', usage: { promptTokens: 20, completionTokens: 9 } };
  if (text.includes('json please')) return { content: '{"city":"Paris","celsius":18}', usage: { promptTokens: 15, completionTokens: 10 } };
  if (text.includes(PNG)) return { content: 'A single pixel.', usage: { promptTokens: 40, completionTokens: 3 } };
  return { content: 'Hello from the upstream', usage: { promptTokens: 12, completionTokens: 5 } };
}

describe('/v1/responses across deployments', () => {
  let world: ResponsesGateway;
  let client: OpenAI;
  before(async () => {
    world = await startResponsesGateway(reply);
    client = world.client(RESPONSES_MASTER_KEY);
  });
  after(async () => {
    await world.close();
  });

  for (const upstream of ALL) {
    const model = RESPONSES_MODELS[upstream];

    it(`answers responses.create with text on ${upstream}`, async () => {
      const response = await client.responses.create({ model, instructions: 'Be terse.', input: 'hi', max_output_tokens: 64, temperature: 0.5 });
      assert.equal(response.object, 'response');
      assert.equal(response.status, 'completed');
      assert.equal(response.model, upstream === 'openai' ? 'gpt-4o-mini' : model);
      assert.equal(response.output_text, 'Hello from the upstream');
      assert.equal(response.usage?.input_tokens, 12);
      assert.equal(response.usage?.output_tokens, 5);
      const sent = world.lastRequest(upstream);
      if (upstream === 'openai') {
        assert.equal(sent.url, '/v1/responses');
        assert.deepEqual(sent.json, { model: 'gpt-4o-mini', instructions: 'Be terse.', input: 'hi', max_output_tokens: 64, temperature: 0.5 });
      } else {
        assert.match(sent.text, /Be terse\./);
      }
    });

    it(`streams text with responses.stream on ${upstream}`, async () => {
      const stream = client.responses.stream({ model, input: 'hi' });
      let text = '';
      const sequence: number[] = [];
      stream.on('event', (event) => sequence.push(event.sequence_number));
      stream.on('response.output_text.delta', (event) => (text += event.delta));
      const final = await stream.finalResponse();
      assert.equal(text, 'Hello from the upstream');
      assert.equal(final.status, 'completed');
      assert.equal(final.output_text, 'Hello from the upstream');
      assert.equal(final.usage?.output_tokens, 5);
      assert.deepEqual(
        sequence,
        [...sequence].sort((a, b) => a - b),
        'sequence numbers increase',
      );
      if (upstream === 'openai') assert.equal((world.lastRequest('openai').json as { stream?: boolean }).stream, true);
    });

    it(`round-trips a tool call with function_call_output on ${upstream}`, async () => {
      const first = await client.responses.create({ model, input: 'weather?', tools: [WEATHER_TOOL] });
      const call = first.output.find((item) => item.type === 'function_call');
      assert.ok(call !== undefined && call.type === 'function_call', JSON.stringify(first.output));
      assert.equal(call.name, 'get_weather');
      assert.deepEqual(JSON.parse(call.arguments), { city: 'Paris' });
      // Gemini has no call ids: the SDK makes one (carrying Gemini's thought signature back).
      if (upstream === 'gemini') assert.match(call.call_id, /^call_/);
      else assert.equal(call.call_id, 'call_paris');
      const second = await client.responses.create({
        model,
        tools: [WEATHER_TOOL],
        input: [
          { role: 'user', content: 'weather?' },
          { type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments },
          { type: 'function_call_output', call_id: call.call_id, output: '18C' },
        ],
      });
      assert.equal(second.output_text, 'It is 18 degrees in Paris.');
      if (upstream === 'anthropic') {
        const sent = world.lastRequest('anthropic').json as { messages: Array<{ role: string; content: Array<{ type: string; tool_use_id?: string }> }> };
        assert.deepEqual(
          sent.messages.map((message) => message.role),
          ['user', 'assistant', 'user'],
        );
        assert.equal(sent.messages[2]?.content[0]?.tool_use_id, 'call_paris');
      }
    });

    it(`streams a tool call on ${upstream}`, async () => {
      const stream = client.responses.stream({ model, input: 'weather?', tools: [WEATHER_TOOL] });
      let args = '';
      stream.on('response.function_call_arguments.delta', (event) => (args += event.delta));
      const final = await stream.finalResponse();
      const call = final.output.find((item) => item.type === 'function_call');
      assert.ok(call !== undefined && call.type === 'function_call');
      assert.equal(call.name, 'get_weather');
      assert.deepEqual(JSON.parse(call.arguments), { city: 'Paris' });
      assert.deepEqual(JSON.parse(args), { city: 'Paris' });
    });

    it(`asks for json_schema output on ${upstream}`, async () => {
      const schema = { type: 'object', properties: { city: { type: 'string' }, celsius: { type: 'number' } }, required: ['city', 'celsius'], additionalProperties: false };
      const response = await client.responses.create({ model, input: 'json please', text: { format: { type: 'json_schema', name: 'weather', schema, strict: true } } });
      assert.deepEqual(JSON.parse(response.output_text), { city: 'Paris', celsius: 18 });
      const sent = world.lastRequest(upstream).text;
      // Every upstream received the schema in its own form.
      assert.match(sent, /celsius/);
    });

    it(`sends an input_image on ${upstream}`, async () => {
      const response = await client.responses.create({
        model,
        input: [
          {
            role: 'user',
            content: [
              { type: 'input_text', text: 'What is this?' },
              { type: 'input_image', image_url: `data:image/png;base64,${PNG}`, detail: 'auto' },
            ],
          },
        ],
      });
      assert.equal(response.output_text, 'A single pixel.');
      assert.ok(world.lastRequest(upstream).text.includes(PNG));
    });
  }

  it('writes spend rows with call_type aresponses, passed through and bridged', async () => {
    const key = String((await world.admin.post('/key/generate', {})).body['key']);
    const keyed = world.client(key);
    await keyed.responses.create({ model: RESPONSES_MODELS.openai, input: 'hi' });
    await keyed.responses.stream({ model: RESPONSES_MODELS.anthropic, input: 'hi' }).finalResponse();
    const rows = await waitForSpendRows(world.admin, key, 2);
    assert.equal(rows.length, 2);
    for (const row of rows) {
      assert.equal(row.metadata?.['call_type'], 'aresponses');
      assert.equal(row.status, 'success');
      assert.ok((row.spend ?? 0) > 0, `spend ${row.spend}`);
    }
  });
});
