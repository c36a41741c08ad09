// LiteLLM's Claude extras through the public completion() to the fake Bedrock Runtime, on
// both chat routes: Converse (cachePoint blocks, a document block, top_k and thinking in
// additionalModelRequestFields) and InvokeModel for Claude (the Anthropic body's own
// cache_control, document, top_k and thinking). The fake plays the prompt cache on both.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { startFakeBedrockUpstream } from '@llmux/fake-upstreams';
import { BadRequestError, completion, type CompletionParams } from '../../index.js';
import { useFakeServer } from '../__fixtures__/use-fake-upstream.js';

const REGION = 'us-west-2';
const ACCESS_KEY_ID = 'AKIAFAKEEXTRAS000001';
const SECRET = 'fake-extras-secret-000000000000000000000';
const CLAUDE = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const PREAMBLE = 'clause '.repeat(1100).trim();
const PDF = Buffer.from('%PDF-1.4\n%fake\n').toString('base64');

describe('bedrock Claude extras through completion()', () => {
  const upstream = useFakeServer(() => startFakeBedrockUpstream({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, region: REGION, reply: () => ({ content: 'ok' }) }));

  const call = (route: string, params: Partial<CompletionParams>) =>
    completion({
      model: `bedrock/${route}${CLAUDE}`,
      aws_access_key_id: ACCESS_KEY_ID,
      aws_secret_access_key: SECRET,
      aws_region_name: REGION,
      aws_bedrock_runtime_endpoint: upstream.fake.url,
      max_tokens: 3000,
      messages: [
        { role: 'system', content: PREAMBLE, cache_control: { type: 'ephemeral' } },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'summarise' },
            { type: 'file', file: { file_data: `data:application/pdf;base64,${PDF}`, filename: 'notes.pdf' } },
          ],
        },
      ],
      top_k: 4,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      ...params,
      stream: false,
    });

  for (const route of ['', 'invoke/']) {
    it(`carries the cache mark, the document, top_k and thinking on ${route === '' ? 'Converse' : 'InvokeModel'}, and reads the cache on the second call`, async () => {
      await call(route, {});
      const body = upstream.fake.requests.at(-1)?.json as Record<string, unknown>;
      if (route === '') {
        assert.deepEqual(body['system'], [{ text: PREAMBLE }, { cachePoint: { type: 'default' } }]);
        assert.deepEqual((body['messages'] as Array<{ content: unknown[] }>)[0]?.content[1], { document: { format: 'pdf', name: 'notes', source: { bytes: PDF } } });
        assert.deepEqual(body['additionalModelRequestFields'], { thinking: { type: 'enabled', budget_tokens: 1024 }, top_k: 4 });
      } else {
        assert.deepEqual(body['system'], [{ type: 'text', text: PREAMBLE, cache_control: { type: 'ephemeral' } }]);
        assert.deepEqual((body['messages'] as Array<{ content: unknown[] }>)[0]?.content[1], {
          type: 'document',
          source: { type: 'base64', media_type: 'application/pdf', data: PDF },
          title: 'notes.pdf',
        });
        assert.deepEqual([body['top_k'], body['thinking']], [4, { type: 'enabled', budget_tokens: 1024 }]);
      }
      const second = await call(route, {});
      assert.equal(second.usage?.prompt_tokens_details?.cached_tokens, 1100);
    });
  }

  it('refuses web_search_options by name: Bedrock runs no Anthropic server tools', async () => {
    await assert.rejects(call('', { web_search_options: {} }), (error: unknown) => error instanceof Error && 'param' in error && error.param === 'web_search_options');
    await assert.rejects(call('', { messages: [{ role: 'user', content: [{ type: 'file', file: { file_id: 'file-xyz' } }] }] }), BadRequestError);
  });
});
