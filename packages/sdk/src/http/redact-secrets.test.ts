// Masking secrets in text: known secrets and their fragments, every key shape whatever
// surrounds it, labelled values; ordinary text (model names, ids, counts) left alone.

import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskKeysInText, maskSecret, redactSecrets } from './redact-secrets.js';

// Random-looking tails in letters that never occur in hex ids or numbers, so a leak is unmistakable.
const TAIL = 'QZXWVKJPRTMNBCDFGHLQZXWVKJPRTMNB';
const SHAPES: Record<string, string> = {
  openai: `sk-proj-${TAIL}`,
  anthropic: `sk-ant-api03-${TAIL}`,
  virtual: `sk-${TAIL.slice(0, 22)}`,
  aws: `AKIA${TAIL.slice(0, 16)}`,
  google: `AIza${TAIL.slice(0, 35)}`,
  googleOauth: `ya29.${TAIL}`,
  jwt: `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4eXoifQ.${TAIL}`,
  groq: `gsk_${TAIL}`,
  huggingface: `hf_${TAIL}`,
  github: `ghp_${TAIL}`,
  slack: `xoxb-${TAIL}`,
};

function assertNoTail(text: string): void {
  for (let start = 0; start + 4 <= TAIL.length; start += 1) {
    assert.ok(!text.includes(TAIL.slice(start, start + 4)), `"${TAIL.slice(start, start + 4)}" of the key is in: ${text}`);
  }
}

describe('maskKeysInText', () => {
  for (const [name, key] of Object.entries(SHAPES)) {
    it(`masks a ${name} key however it is wrapped`, () => {
      for (const text of [
        key,
        ` ${key}`,
        `"${key}"`,
        `'${key}'`,
        `(${key})`,
        `key=${key};`,
        `Bearer ${key}`,
        `Bearer Bearer ${key}`,
        `{"api_key":"${key}"}`,
        `x${key}`,
        `${key}\n`,
      ]) {
        assertNoTail(maskKeysInText(text));
      }
    });
  }

  it('keeps only the kind of a key', () => {
    assert.equal(maskKeysInText(`Key not found: ${SHAPES['anthropic']}`), 'Key not found: sk-ant-****');
    assert.equal(maskKeysInText(`id ${SHAPES['aws']}`), 'id AKIA****');
    assert.equal(maskSecret('short'), '****');
  });

  it('masks values after a credential label, whatever their shape', () => {
    for (const text of [
      'api_key=0123456789abcdef0123',
      'Authorization: Basic dXNlcjpwYXNzd29yZA==',
      '"x-api-key": "abcdefgh12345678"',
      'password: hunter2hunter2',
      'client_secret=abcdefghijkl',
      'token ya29A0ARrdaM-xyz12345',
    ]) {
      const masked = maskKeysInText(text);
      assert.ok(masked.includes('****'), masked);
      assert.doesNotMatch(masked, /0123456789abcdef|dXNlcjpw|abcdefgh12345678|hunter2hunter2|abcdefghijkl|ya29A0ArrdaM/);
    }
  });

  it('masks a half-masked echo (OpenAI shows a prefix and the last four)', () => {
    assert.equal(maskKeysInText('Incorrect API key provided: sk-proj-********************TMNB.'), 'Incorrect API key provided: sk-proj-****.');
  });

  it('leaves ordinary text alone', () => {
    for (const text of [
      'Invalid model name passed in model=gpt-4o-mini-2024-07-18',
      'request 9f1c2e4a-5b6d-4e7f-8a9b-0c1d2e3f4a5b failed after 3 retries',
      'max_tokens=100000 is above the limit; prompt tokens: 12345678',
      'desk-research-assistant and risk-assessment-model are unknown',
      'tokenizer_config.json is missing',
      'Team not found: ml-platform',
      'only basic authentication and bearer authentication are supported',
      'Google token exchange at http://127.0.0.1:9/token failed: invalid_grant',
      'the session token expired; password reset required',
    ]) {
      assert.equal(maskKeysInText(text), text);
    }
  });

  it('is idempotent', () => {
    const once = maskKeysInText(`a ${SHAPES['openai']} b Bearer ${SHAPES['jwt']}`);
    assert.equal(maskKeysInText(once), once);
  });
});

describe('redactSecrets', () => {
  const secret = 'azure0123456789abcdefQZXWVKJPRTMN';
  it('masks a known secret of any shape, and fragments of it', () => {
    const text = `bad key ${secret}; you sent azure0123456 ... RTMN? also ${secret.slice(-12)}`;
    const redacted = redactSecrets(text, [secret]);
    assert.doesNotMatch(redacted, /QZXW|azure0123456|KJPRTMN/);
  });

  it('masks the last four an upstream shows, and leaves words a test key is made of', () => {
    assert.equal(redactSecrets('key ending in TMN9 refused', ['abcdefghQZXWTMN9']), 'key ending in **** refused');
    assert.equal(redactSecrets('upstream stream ended', ['sk-upstream']), 'upstream stream ended');
  });

  it('ignores short and absent secrets', () => {
    assert.equal(redactSecrets('nothing to see', [undefined, 'abc']), 'nothing to see');
  });
});
