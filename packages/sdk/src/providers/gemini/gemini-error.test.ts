// Google error bodies in their recorded shapes → parsed meaning and typed errors.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { AuthenticationError, InternalServerError, NotFoundError, RateLimitError } from '../../errors/error-classes.js';
import { createGeminiPayloadError, parseGeminiError } from './gemini-error.js';

const CONTEXT = { provider: 'gemini', model: 'gemini-test', secrets: ['AIzaSecretKey123'] };

const API_KEY_INVALID = {
  error: {
    code: 400,
    message: 'API key not valid. Please pass a valid API key.',
    status: 'INVALID_ARGUMENT',
    details: [
      { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } },
      { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message: 'API key not valid. Please pass a valid API key.' },
    ],
  },
};
const NOT_FOUND = {
  error: {
    code: 404,
    details: [{ '@type': 'type.googleapis.com/google.rpc.DebugInfo', detail: '[ORIGINAL ERROR] generic::not_found: models/custom-model is not found' }],
    message: 'models/custom-model is not found for API version v1beta, or is not supported for generateContent.',
    status: 'NOT_FOUND',
  },
};
const RESOURCE_EXHAUSTED = {
  error: {
    code: 429,
    message: 'You exceeded your current quota, please check your plan.',
    status: 'RESOURCE_EXHAUSTED',
    details: [
      { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }] },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '34.4s' },
    ],
  },
};

describe('parseGeminiError', () => {
  it('reads ErrorInfo.reason as the code and recognises a bad key', () => {
    assert.deepEqual(parseGeminiError(API_KEY_INVALID, '', 400), { message: 'API key not valid. Please pass a valid API key.', code: 'API_KEY_INVALID', kind: 'authentication' });
  });

  it('keeps the status as the code when there is no reason', () => {
    assert.deepEqual(parseGeminiError(NOT_FOUND, '', 404), { message: NOT_FOUND.error.message, code: 'NOT_FOUND', kind: undefined });
    assert.equal(parseGeminiError(RESOURCE_EXHAUSTED, '', 429).kind, 'rate_limit');
  });

  it('reads the array-wrapped form and falls back to the raw text', () => {
    assert.equal(parseGeminiError([API_KEY_INVALID], '', 400).code, 'API_KEY_INVALID');
    assert.deepEqual(parseGeminiError(undefined, ' upstream connect error ', 503), { message: 'upstream connect error' });
  });
});

describe('createGeminiPayloadError', () => {
  it('derives the status from the code or the status name, with the retry delay', () => {
    const limited = createGeminiPayloadError(RESOURCE_EXHAUSTED, CONTEXT);
    assert.ok(limited instanceof RateLimitError);
    assert.equal(limited.retryAfterSeconds, 34.4);
    assert.ok(createGeminiPayloadError({ error: { message: 'gone', status: 'NOT_FOUND' } }, CONTEXT) instanceof NotFoundError);
    assert.ok(createGeminiPayloadError({ error: { message: 'boom', status: 'INTERNAL' } }, CONTEXT) instanceof InternalServerError);
  });

  it('redacts secrets from the message', () => {
    const error = createGeminiPayloadError({ error: { code: 401, message: 'bad key AIzaSecretKey123', status: 'UNAUTHENTICATED' } }, CONTEXT);
    assert.ok(error instanceof AuthenticationError);
    assert.ok(!error.message.includes('AIzaSecretKey123'));
  });
});
