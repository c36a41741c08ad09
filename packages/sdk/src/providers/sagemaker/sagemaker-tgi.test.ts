// `sagemaker/<endpoint>` end to end: completion() against the fake SageMaker Runtime running
// a TGI container (SigV4 verified on every call), asserting the generate body the fake
// received (the prompt each template builds, TGI's parameter names) and the canonical reply,
// plain and streamed from TGI's token events cut across PayloadParts.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { startFakeSageMakerUpstream } from '@llmux/fake-upstreams';
import { APIConnectionError, BadGatewayError, BadRequestError, completion, UnsupportedParamsError, type ChatMessage } from '../../index.js';
import { collectStream } from '../__fixtures__/collect-stream.js';
import { useFakeUpstream } from '../__fixtures__/use-fake-upstream.js';

const REGION = 'eu-west-1';
const ACCESS_KEY_ID = 'AKIAFAKESMTGI0000001';
const SECRET = 'fake-sagemaker-tgi-secret-000000000000';
const CHAT: ChatMessage[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Hi' },
  { role: 'assistant', content: 'Hello.' },
  { role: 'user', content: 'What is TGI?' },
];

interface GenerateBody {
  inputs: string;
  parameters: Record<string, unknown>;
  stream?: boolean;
}

describe('sagemaker adapter (TGI generate)', () => {
  const upstream = useFakeUpstream(
    (reply) =>
      startFakeSageMakerUpstream({
        accessKeyId: ACCESS_KEY_ID,
        secretAccessKey: SECRET,
        region: REGION,
        payloadPartBytes: 11,
        reply,
      }),
    { content: 'A server.' },
  );
  const settings = () => ({ aws_access_key_id: ACCESS_KEY_ID, aws_secret_access_key: SECRET, aws_region_name: REGION, aws_sagemaker_runtime_endpoint: upstream.fake.url });
  const sent = () => upstream.fake.requests.at(-1)?.json as GenerateBody;
  const call = (endpoint: string, messages: ChatMessage[], extra: Record<string, unknown> = {}) =>
    completion({ model: `sagemaker/${endpoint}`, messages, ...settings(), ...extra, stream: false });
  const stream = (endpoint: string, messages: ChatMessage[], extra: Record<string, unknown> = {}) =>
    completion({ model: `sagemaker/${endpoint}`, messages, ...settings(), ...extra, stream: true });

  it('sends {inputs, parameters} with the Llama 3 template named by hf_model_name, and reads generated_text and details', async () => {
    upstream.reply = { content: 'Text Generation Inference.', usage: { promptTokens: 30, completionTokens: 6 } };
    const response = await call('my-endpoint', CHAT, { hf_model_name: 'meta-llama/Meta-Llama-3-8B-Instruct', max_tokens: 64, temperature: 0.4, top_p: 0.9, stop: '###', seed: 3 });
    assert.equal(upstream.fake.requests.at(-1)?.url, '/endpoints/my-endpoint/invocations');
    assert.match(upstream.fake.requests.at(-1)?.headers.authorization ?? '', /\/eu-west-1\/sagemaker\/aws4_request/);
    assert.deepEqual(sent(), {
      inputs:
        '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>' +
        '<|start_header_id|>assistant<|end_header_id|>\n\nHello.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWhat is TGI?<|eot_id|>' +
        '<|start_header_id|>assistant<|end_header_id|>\n\n',
      parameters: { max_new_tokens: 64, temperature: 0.4, top_p: 0.9, stop: ['###'], seed: 3, details: true, return_full_text: false },
    });
    assert.equal(response.llmux.provider, 'sagemaker');
    assert.equal(response.choices.length, 1);
    assert.equal(response.choices[0]?.message.role, 'assistant');
    assert.equal(response.choices[0]?.message.content, 'Text Generation Inference.');
    assert.equal(response.choices[0]?.finish_reason, 'stop');
    // Completion tokens from TGI's details; the prompt's counted with OpenAI's tokenizer (no count in a plain reply).
    assert.equal(response.usage?.completion_tokens, 6);
    assert.ok((response.usage?.prompt_tokens ?? 0) > 10);
    assert.deepEqual(response.llmux.warnings, []);
  });

  it('picks the template from the endpoint name, and maps temperature 0 to greedy decoding and top_p 1 to none', async () => {
    await call('jumpstart-dft-meta-textgeneration-llama-2-7b-chat', CHAT, { temperature: 0, top_p: 1, max_completion_tokens: 5 });
    assert.equal(sent().inputs, '<s>[INST] Be brief.\n\nHi [/INST] Hello.</s>[INST] What is TGI? [/INST]');
    assert.deepEqual(sent().parameters, { max_new_tokens: 5, do_sample: false, details: true, return_full_text: false });
    await call('qwen2-endpoint', [{ role: 'user', content: 'Hi' }]);
    assert.equal(sent().inputs, '<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n');
  });

  it("applies a deployment's own template (roles, initial/final values, bos/eos) as LiteLLM does", async () => {
    const roles = {
      system: { pre_message: '[SYS]', post_message: '[/SYS]' },
      user: { pre_message: 'Q: ', post_message: '\n' },
      assistant: { pre_message: 'A: ', post_message: '\n' },
    };
    await call('custom-endpoint', CHAT, { roles, initial_prompt_value: '<<', final_prompt_value: 'A:', bos_token: '<s>', eos_token: '</s>' });
    assert.equal(sent().inputs, '<s><<[SYS]Be brief.[/SYS]Q: Hi\nA: Hello.\n</s><s>Q: What is TGI?\nA:');
    await assert.rejects(call('custom-endpoint', CHAT, { roles: { user: 'Q:' } }), BadRequestError);
  });

  it('joins the text with a warning when no template is known, as LiteLLM falls back', async () => {
    const response = await call('my-custom-model', CHAT);
    assert.equal(sent().inputs, 'Be brief. Hi Hello. What is TGI?');
    assert.match(response.llmux.warnings.join('\n'), /^sagemaker: no chat template known for "my-custom-model".*hf_model_name.*sagemaker_chat\/my-custom-model/);
  });

  it('streams TGI token events cut across PayloadParts, skipping the special end token, with usage from the details', async () => {
    upstream.reply = { content: 'one two three four', usage: { promptTokens: 21, completionTokens: 5 } };
    const result = await stream('llama-3-endpoint', [{ role: 'user', content: 'count' }], { stream_options: { include_usage: true } });
    const chunks = await collectStream(result);
    assert.equal(upstream.fake.requests.at(-1)?.url, '/endpoints/llama-3-endpoint/invocations-response-stream');
    assert.equal(upstream.fake.requests.at(-1)?.headers.accept, 'application/vnd.amazon.eventstream');
    assert.equal(sent().stream, true);
    assert.deepEqual(sent().parameters, {});
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'one two three four');
    assert.ok(!JSON.stringify(chunks).includes('</s>'));
    assert.equal(chunks.find((chunk) => (chunk.choices[0]?.finish_reason ?? null) !== null)?.choices[0]?.finish_reason, 'stop');
    assert.deepEqual(chunks.at(-1)?.usage, { prompt_tokens: 21, completion_tokens: 5, total_tokens: 26 });
  });

  it('maps a length finish, and a broken or cut stream to typed errors', async () => {
    upstream.reply = { content: 'cut short', finish: 'length' };
    const plain = await call('llama-3-endpoint', [{ role: 'user', content: 'x' }]);
    assert.equal(plain.choices[0]?.finish_reason, 'length');
    upstream.reply = { content: 'one two three four', failAfterChunks: 2 };
    await assert.rejects(collectStream(await stream('llama-3-endpoint', [{ role: 'user', content: 'x' }])), (error: unknown) => error instanceof BadGatewayError);
    upstream.reply = { content: 'one two three four', dropAfterChunks: 2 };
    await assert.rejects(collectStream(await stream('llama-3-endpoint', [{ role: 'user', content: 'x' }])), APIConnectionError);
  });

  it('refuses tools, images and n with a message naming sagemaker_chat/', async () => {
    const tools = [{ type: 'function' as const, function: { name: 'f', parameters: { type: 'object' } } }];
    await assert.rejects(call('llama-3-endpoint', [{ role: 'user', content: 'x' }], { tools }), UnsupportedParamsError);
    await assert.rejects(call('llama-3-endpoint', [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] }]), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.match(error.message, /takes no "image_url" content parts; use sagemaker_chat\/llama-3-endpoint for the messages API/);
      return true;
    });
    await assert.rejects(call('llama-3-endpoint', [{ role: 'user', content: 'x' }], { n: 2 }), UnsupportedParamsError);
  });
});
