import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import {
  APIConnectionError,
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  BudgetExceededError,
  GatewayTimeoutError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
  UnprocessableEntityError,
  UnsupportedParamsError,
} from '../../errors/error-classes.js';
import { LlmuxError } from '../../errors/llmux-error.js';
import { toAnthropicError } from './to-anthropic-error.js';
import { json, withAnthropicClient } from './__fixtures__/serve-anthropic-reply.js';

const CASES: ReadonlyArray<[LlmuxError, number, string]> = [
  [new BadRequestError('bad'), 400, 'invalid_request_error'],
  [new UnsupportedParamsError('no top_k', { param: 'top_k' }), 400, 'invalid_request_error'],
  [new AuthenticationError('who?'), 401, 'authentication_error'],
  [new PermissionDeniedError('not yours'), 403, 'permission_error'],
  [new NotFoundError('no such model'), 404, 'not_found_error'],
  [new TimeoutError('slow'), 408, 'timeout_error'],
  [new LlmuxError('too big', 413, 'invalid_request_error', { retryable: false, fallbackAllowed: false }), 413, 'request_too_large'],
  [new UnprocessableEntityError('odd'), 422, 'invalid_request_error'],
  [new RateLimitError('slow down'), 429, 'rate_limit_error'],
  [new BudgetExceededError('budget spent'), 429, 'rate_limit_error'],
  [new InternalServerError('oops'), 500, 'api_error'],
  [new APIConnectionError('refused'), 500, 'api_error'],
  [new BadGatewayError('garbled'), 502, 'api_error'],
  [new ServiceUnavailableError('busy'), 529, 'overloaded_error'],
  [new LlmuxError('overloaded', 529, 'service_unavailable', { retryable: true, fallbackAllowed: true }), 529, 'overloaded_error'],
  [new GatewayTimeoutError('too slow'), 504, 'timeout_error'],
  [new LlmuxError('teapot', 418, 'invalid_request_error', { retryable: false, fallbackAllowed: false }), 418, 'invalid_request_error'],
];

describe('toAnthropicError', () => {
  for (const [error, status, type] of CASES) {
    it(`writes ${error.constructor.name} (${error.status}) as ${status} ${type}`, () => {
      const written = toAnthropicError(error);
      assert.equal(written.status, status);
      assert.deepEqual(JSON.parse(written.body), { type: 'error', error: { type, message: error.message } });
    });
  }

  const SDK_CLASSES: ReadonlyArray<[LlmuxError, new (...args: never[]) => Error]> = [
    [new BadRequestError('bad'), Anthropic.BadRequestError],
    [new AuthenticationError('who?'), Anthropic.AuthenticationError],
    [new BudgetExceededError('budget spent'), Anthropic.RateLimitError],
    [new ServiceUnavailableError('busy'), Anthropic.OverloadedError],
    [new InternalServerError('oops'), Anthropic.InternalServerError],
  ];
  for (const [error, sdkClass] of SDK_CLASSES) {
    it(`is raised by the official SDK as ${sdkClass.name}, with the type and message`, async () => {
      const { status, body } = toAnthropicError(error);
      await assert.rejects(
        withAnthropicClient(json(status, body), (client) => client.messages.create({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'x' }] })),
        (raised: unknown) => {
          assert.ok(raised instanceof sdkClass, `expected ${sdkClass.name}, got ${String(raised)}`);
          assert.ok(raised instanceof Anthropic.APIError);
          assert.equal(raised.type, (JSON.parse(body) as { error: { type: string } }).error.type);
          assert.match(raised.message, new RegExp(error.message));
          return true;
        },
      );
    });
  }
});
