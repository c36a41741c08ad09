// The fake Bedrock guardrail, proven with AWS's own client: ApplyGuardrailCommand from
// @aws-sdk/client-bedrock-runtime signs, sends and parses against it as against AWS (over
// its HTTP/1.1 handler: the fake is a plain HTTP/1.1 server).

import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApplyGuardrailCommand } from '@aws-sdk/client-bedrock-runtime';
import { startFakeBedrockGuardrail } from './fake-guardrail-bedrock.js';
import { createBedrockRuntimeClient, useFakeBedrockRuntime } from './__fixtures__/use-fake-bedrock-runtime.js';

const CREDENTIALS = { accessKeyId: 'AKIAFAKEGUARDTEST001', secretAccessKey: 'fake-guard-test-secret-000000000000000000' };
const REGION = 'eu-west-1';

describe('fake Bedrock ApplyGuardrail', () => {
  const suite = useFakeBedrockRuntime({ region: REGION, credentials: CREDENTIALS }, () =>
    startFakeBedrockGuardrail({ ...CREDENTIALS, region: REGION, guardrailIdentifier: 'gr-abc', guardrailVersion: 'DRAFT', blockedWords: ['falcon'] }),
  );

  const apply = (text: string, identifier = 'gr-abc') =>
    suite.client.send(new ApplyGuardrailCommand({ guardrailIdentifier: identifier, guardrailVersion: 'DRAFT', source: 'INPUT', content: [{ text: { text } }] }));

  it('answers NONE, an anonymization with its assessment, and a block with the blocked message', async () => {
    assert.equal((await apply('hello')).action, 'NONE');
    const masked = await apply('mail a@b.example');
    assert.equal(masked.action, 'GUARDRAIL_INTERVENED');
    assert.equal(masked.outputs?.[0]?.text, 'mail {EMAIL}');
    assert.equal(masked.assessments?.[0]?.sensitiveInformationPolicy?.piiEntities?.[0]?.action, 'ANONYMIZED');
    const blocked = await apply('about falcon');
    assert.equal(blocked.assessments?.[0]?.wordPolicy?.customWords?.[0]?.action, 'BLOCKED');
    assert.equal(blocked.outputs?.[0]?.text, 'Sorry, the model cannot answer this question.');
  });

  it('refuses an unknown guardrail and a wrong signature with AWS error types', async () => {
    await assert.rejects(apply('x', 'gr-other'), { name: 'ResourceNotFoundException' });
    const wrong = createBedrockRuntimeClient({ region: REGION, credentials: { ...CREDENTIALS, secretAccessKey: 'x'.repeat(40) } }, suite.fake.url);
    await assert.rejects(wrong.send(new ApplyGuardrailCommand({ guardrailIdentifier: 'gr-abc', guardrailVersion: 'DRAFT', source: 'INPUT', content: [{ text: { text: 'x' } }] })), {
      name: 'InvalidSignatureException',
    });
  });
});
