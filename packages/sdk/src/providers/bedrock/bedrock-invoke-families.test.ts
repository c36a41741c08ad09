// InvokeModel chat for the non-Anthropic families end to end against the fake Bedrock
// Runtime: each family's own body on the wire, its reply and its event-stream chunks
// converted to canonical completions, tool calls where the family has tools, and errors.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { startFakeBedrockUpstream } from '@llmux/fake-upstreams';
import { APIConnectionError, BadRequestError, completion, ServiceUnavailableError, type ChatCompletionChunk, type ChatCompletionRequest } from '../../index.js';
import { useFakeUpstream } from '../__fixtures__/use-fake-upstream.js';
import { collectStream } from '../__fixtures__/collect-stream.js';

const REGION = 'us-east-1';
const ACCESS_KEY_ID = 'AKIAFAKEFAMILIES0001';
const SECRET = 'fake-families-secret-00000000000000000000';
const WEATHER_TOOL = { type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };

describe('bedrock adapter, InvokeModel for the non-Anthropic families', () => {
  const upstream = useFakeUpstream((reply) => startFakeBedrockUpstream({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, region: REGION, reply }), {
    content: 'Hi there friend',
  });
  const settings = () => ({ aws_access_key_id: ACCESS_KEY_ID, aws_secret_access_key: SECRET, aws_region_name: REGION, aws_bedrock_runtime_endpoint: upstream.fake.url });
  const lastSent = () => upstream.fake.requests.at(-1);
  const ask = (model: string, extra: Partial<ChatCompletionRequest> = {}) =>
    completion({
      model: `bedrock/invoke/${model}`,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
      ],
      max_tokens: 50,
      temperature: 0.2,
      ...extra,
      stream: false,
      ...settings(),
    });
  const streamOf = async (model: string, extra: Partial<ChatCompletionRequest> = {}): Promise<ChatCompletionChunk[]> => {
    const stream = await completion({
      model: `bedrock/invoke/${model}`,
      messages: [{ role: 'user', content: 'Hello' }],
      max_tokens: 50,
      stream_options: { include_usage: true },
      ...extra,
      stream: true,
      ...settings(),
    });
    const chunks = await collectStream(stream);
    return chunks;
  };
  const textOf = (chunks: ChatCompletionChunk[]) => chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');

  it('Llama: the Llama 3 prompt template with max_gen_len, generation and its token counts back', async () => {
    const response = await ask('meta.llama3-1-70b-instruct-v1:0', { top_p: 0.9 });
    assert.equal(lastSent()?.url, '/model/meta.llama3-1-70b-instruct-v1%3A0/invoke');
    assert.deepEqual(lastSent()?.json, {
      prompt:
        '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHello<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
      max_gen_len: 50,
      temperature: 0.2,
      top_p: 0.9,
    });
    assert.equal(response.model, 'meta.llama3-1-70b-instruct-v1:0');
    assert.match(response.id, /^chatcmpl-/);
    assert.deepEqual(response.choices, [{ index: 0, message: { role: 'assistant', refusal: null, content: 'Hi there friend' }, logprobs: null, finish_reason: 'stop' }]);
    assert.deepEqual(response.usage, { prompt_tokens: 4, completion_tokens: 3, total_tokens: 7 });
  });

  it('Llama: stop has no field and is dropped with a warning; tools are a 400 naming the Converse route', async () => {
    const response = await ask('us.meta.llama3-2-3b-instruct-v1:0', { stop: ['END'] });
    assert.equal((lastSent()?.json as Record<string, unknown>)['stop'], undefined);
    assert.match(response.llmux.warnings.join('\n'), /dropped parameter "stop"/);
    await assert.rejects(
      ask('meta.llama3-70b-instruct-v1:0', { tools: [WEATHER_TOOL] }),
      (error: unknown) => error instanceof BadRequestError && /bedrock\/converse\/meta\.llama3/.test(error.message),
    );
  });

  it('Llama: streams generation chunks with the finish and the usage from the invocation metrics', async () => {
    upstream.reply = { content: 'one two three', finish: 'length' };
    const chunks = await streamOf('meta.llama3-70b-instruct-v1:0');
    assert.equal(lastSent()?.url, '/model/meta.llama3-70b-instruct-v1%3A0/invoke-with-response-stream');
    assert.equal(textOf(chunks), 'one two three');
    assert.equal(chunks.find((chunk) => chunk.choices[0]?.finish_reason !== null)?.choices[0]?.finish_reason, 'length');
    assert.deepEqual(chunks.at(-1)?.usage, { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
  });

  it('Mistral: the [INST] prompt with stop, outputs[].text back, usage from the token-count headers', async () => {
    const response = await ask('mistral.mistral-large-2402-v1:0', { stop: 'END' });
    assert.deepEqual(lastSent()?.json, { prompt: '<s>[INST] Be brief.\n\nHello [/INST]', max_tokens: 50, temperature: 0.2, stop: ['END'] });
    assert.equal(response.choices[0]?.message.content, 'Hi there friend');
    assert.deepEqual(response.usage, { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 });
    const chunks = await streamOf('mistral.mistral-7b-instruct-v0:2');
    assert.equal(textOf(chunks), 'Hi there friend');
    assert.equal(chunks.at(-1)?.usage?.total_tokens, 6);
  });

  it('Titan Text: inputText in the User/Bot form with textGenerationConfig, results[] and its stream back', async () => {
    upstream.reply = { content: 'Sure thing', finish: 'length' };
    const response = await completion({
      model: 'bedrock/invoke/amazon.titan-text-express-v1',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'More' },
      ],
      max_tokens: 20,
      top_p: 0.5,
      stop: ['User:'],
      ...settings(),
    });
    assert.deepEqual(lastSent()?.json, { inputText: 'User: Hi\nBot: Hello!\nUser: More\nBot:', textGenerationConfig: { maxTokenCount: 20, topP: 0.5, stopSequences: ['User:'] } });
    assert.deepEqual(response.choices[0], { index: 0, message: { role: 'assistant', refusal: null, content: 'Sure thing' }, logprobs: null, finish_reason: 'length' });
    assert.deepEqual(response.usage, { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 });
    const chunks = await streamOf('amazon.titan-text-premier-v1:0');
    assert.equal(textOf(chunks), 'Sure thing');
    assert.equal(chunks.at(-1)?.usage?.completion_tokens, 2);
  });

  it('DeepSeek-R1 and Command R: their prompt and message bodies', async () => {
    await ask('us.deepseek.r1-v1:0');
    assert.deepEqual(lastSent()?.json, { prompt: '<｜begin▁of▁sentence｜>Be brief.<｜User｜>Hello<｜Assistant｜><think>\n', max_tokens: 50, temperature: 0.2 });
    const response = await completion({
      model: 'bedrock/invoke/cohere.command-r-plus-v1:0',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'More' },
      ],
      top_p: 0.4,
      ...settings(),
    });
    assert.deepEqual(lastSent()?.json, {
      message: 'More',
      chat_history: [
        { role: 'USER', message: 'Hi' },
        { role: 'CHATBOT', message: 'Hello!' },
      ],
      preamble: 'Be brief.',
      p: 0.4,
    });
    assert.equal(response.choices[0]?.message.content, 'Hi there friend');
    const chunks = await streamOf('cohere.command-r-v1:0');
    assert.equal(textOf(chunks), 'Hi there friend');
    assert.equal(chunks.find((chunk) => chunk.choices[0]?.finish_reason !== null)?.choices[0]?.finish_reason, 'stop');
  });

  it('Nova: the messages-v1 body with tools, tool calls and usage back, and its stream', async () => {
    upstream.reply = {
      content: 'Checking.',
      toolCalls: [{ id: 'tooluse_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }],
      usage: { promptTokens: 12, completionTokens: 7 },
    };
    const response = await ask('amazon.nova-pro-v1:0', { tools: [WEATHER_TOOL] });
    const body = lastSent()?.json as Record<string, unknown>;
    assert.equal(body['schemaVersion'], 'messages-v1');
    assert.deepEqual(body['system'], [{ text: 'Be brief.' }]);
    assert.deepEqual(body['messages'], [{ role: 'user', content: [{ text: 'Hello' }] }]);
    assert.deepEqual(body['inferenceConfig'], { maxTokens: 50, temperature: 0.2 });
    assert.deepEqual((body['toolConfig'] as { tools: unknown[] }).tools, [{ toolSpec: { name: 'get_weather', inputSchema: { json: WEATHER_TOOL.function.parameters } } }]);
    assert.equal(response.choices[0]?.finish_reason, 'tool_calls');
    assert.deepEqual(response.choices[0]?.message.tool_calls, [{ id: 'tooluse_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }]);
    assert.equal(response.usage?.total_tokens, 19);

    const chunks = await streamOf('us.amazon.nova-lite-v1:0', { tools: [WEATHER_TOOL] });
    assert.equal(textOf(chunks), 'Checking.');
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    assert.equal(calls[0]?.function?.name, 'get_weather');
    assert.equal(calls.map((call) => call.function?.arguments ?? '').join(''), '{"city":"Oslo"}');
    assert.equal(chunks.at(-1)?.usage?.total_tokens, 19);
  });

  it('gpt-oss and Qwen: the OpenAI chat body without model and stream, tool calls and stream back', async () => {
    upstream.reply = { toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }] };
    const response = await ask('openai.gpt-oss-120b-1:0', { tools: [WEATHER_TOOL] });
    assert.deepEqual(lastSent()?.json, {
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
      ],
      max_tokens: 50,
      temperature: 0.2,
      tools: [WEATHER_TOOL],
    });
    assert.deepEqual(response.choices[0]?.message.tool_calls, [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }]);
    assert.equal(response.choices[0]?.finish_reason, 'tool_calls');

    upstream.reply = { content: 'Thought through', reasoning: 'Let me think' };
    const chunks = await streamOf('qwen.qwen3-32b-v1:0');
    const body = lastSent()?.json as Record<string, unknown>;
    assert.equal(body['stream'], undefined);
    assert.equal(body['stream_options'], undefined);
    assert.equal(textOf(chunks), 'Thought through');
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.reasoning_content ?? '').join(''), 'Let me think');
    assert.equal(chunks.at(-1)?.usage?.total_tokens, 12);
  });

  it('DeepSeek-R1: the text up to </think> (the prompt opened the block) is reasoning_content, plain and streamed', async () => {
    upstream.reply = { content: 'Four.', reasoning: 'Two and two make four.' };
    const response = await ask('us.deepseek.r1-v1:0');
    assert.equal(response.choices[0]?.message.content, '\n\nFour.');
    assert.equal(response.choices[0]?.message.reasoning_content, 'Two and two make four.\n');
    const chunks = await streamOf('us.deepseek.r1-v1:0');
    assert.equal(textOf(chunks), '\n\nFour.');
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.reasoning_content ?? '').join(''), 'Two and two make four.\n');
    // Other prompt families keep their text as it is.
    upstream.reply = { content: 'Plain </think> text.' };
    assert.equal((await ask('meta.llama3-8b-instruct-v1:0')).choices[0]?.message.content, 'Plain </think> text.');
  });

  it('refuses ids without a known family marker, naming the Converse route', async () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:imported-model/abc123';
    await assert.rejects(ask(arn), (error: unknown) => error instanceof BadRequestError && error.message.includes(`bedrock/converse/${arn}`));
    assert.equal(
      upstream.fake.requests.some((request) => request.url.includes('imported-model')),
      false,
    );
  });

  it('maps HTTP errors, and a stream cut before the stop reason is a connection error', async () => {
    upstream.reply = { error: { status: 503, body: { message: 'Bedrock is unable to process your request.' }, headers: { 'x-amzn-errortype': 'ServiceUnavailableException' } } };
    await assert.rejects(ask('mistral.mistral-large-2402-v1:0'), ServiceUnavailableError);
    upstream.reply = { content: 'one two three', dropAfterChunks: 1 };
    await assert.rejects(streamOf('meta.llama3-70b-instruct-v1:0'), APIConnectionError);
    upstream.reply = { content: 'one two three', failAfterChunks: 1 };
    await assert.rejects(streamOf('amazon.titan-text-express-v1'), (error: unknown) => error instanceof Error && /Too many requests/.test(error.message));
  });
});
