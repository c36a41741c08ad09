// The bag-of-words embeddings fake, driven by the official `openai` client (which asks for
// base64 and decodes it): similar texts come back close, unrelated ones far apart.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import OpenAI from 'openai';
import { cosineSimilarity, fakeBagOfWordsVector, startFakeSemanticEmbeddingsUpstream } from './fake-semantic-embeddings.js';
import { useFakeAndClient } from './__fixtures__/use-fake-and-client.js';

describe('fake semantic embeddings upstream', () => {
  const suite = useFakeAndClient(
    () => startFakeSemanticEmbeddingsUpstream(),
    (fake) => new OpenAI({ apiKey: 'sk-fake', baseURL: `${fake.url}/v1`, maxRetries: 0 }),
  );

  it('answers the official client with vectors that keep paraphrases close', async () => {
    const reply = await suite.client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['What is the capital of France?', 'what is the capital city of France', 'How do I bake bread?'],
    });
    assert.equal(reply.data.length, 3);
    const [question, paraphrase, other] = reply.data.map((item) => item.embedding);
    assert.equal(question?.length, 1024);
    assert.ok(cosineSimilarity(question ?? [], paraphrase ?? []) > 0.9);
    assert.ok(cosineSimilarity(question ?? [], other ?? []) < 0.3);
    assert.deepEqual(question, fakeBagOfWordsVector('What is the capital of France?'));
    assert.ok(reply.usage.prompt_tokens > 0);
  });

  it('answers floats when asked, and a 400 in OpenAI shape for a bad input', async () => {
    const floats = await suite.client.embeddings.create({ model: 'm', input: 'hello', encoding_format: 'float' });
    assert.deepEqual(floats.data[0]?.embedding, fakeBagOfWordsVector('hello'));
    await assert.rejects(suite.client.embeddings.create({ model: 'm', input: [] }), OpenAI.BadRequestError);
  });
});
