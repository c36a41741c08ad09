import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { AuthenticationError, BadRequestError, ContextWindowExceededError, InternalServerError, RateLimitError, ServiceUnavailableError } from '../../errors/error-classes.js';
import { createErrorFromStatus } from '../../errors/create-error-from-status.js';
import { createAnthropicStreamError, parseAnthropicError } from './anthropic-error.js';

function body(type: string, message: string) {
  return { type: 'error', error: { type, message } };
}

function fromHttp(status: number, type: string, message: string) {
  const value = body(type, message);
  return createErrorFromStatus(status, parseAnthropicError(value, JSON.stringify(value), status), {});
}

describe('parseAnthropicError', () => {
  it('maps error types and statuses to typed errors', () => {
    assert.ok(fromHttp(401, 'authentication_error', 'invalid x-api-key') instanceof AuthenticationError);
    assert.ok(fromHttp(429, 'rate_limit_error', 'slow down') instanceof RateLimitError);
    assert.ok(fromHttp(529, 'overloaded_error', 'Overloaded') instanceof ServiceUnavailableError);
    assert.ok(fromHttp(500, 'api_error', 'boom') instanceof InternalServerError);
    const plain = fromHttp(400, 'invalid_request_error', 'messages: field required');
    assert.ok(plain instanceof BadRequestError && !(plain instanceof ContextWindowExceededError));
    assert.equal(plain.code, 'invalid_request_error');
  });

  it('recognises context-window errors in invalid_request_error messages', () => {
    const tooLong = fromHttp(400, 'invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum');
    assert.ok(tooLong instanceof ContextWindowExceededError);
    assert.equal(tooLong.code, 'context_length_exceeded');
    assert.ok(fromHttp(400, 'invalid_request_error', 'input length and `max_tokens` exceed context limit: 1 + 2 > 3') instanceof ContextWindowExceededError);
  });

  it('falls back to the raw text for bodies it does not know', () => {
    assert.deepEqual(parseAnthropicError(undefined, '<html>bad gateway</html>\n', 502), { message: '<html>bad gateway</html>' });
  });
});

describe('createAnthropicStreamError', () => {
  const context = { provider: 'anthropic', model: 'claude-test', secrets: ['sk-ant-secret-123'] };

  it('gives a mid-stream error the class its HTTP twin has', () => {
    const overloaded = createAnthropicStreamError({ type: 'overloaded_error', message: 'Overloaded' }, context);
    assert.ok(overloaded instanceof ServiceUnavailableError);
    assert.equal(overloaded.retryable, true);
    assert.equal(overloaded.provider, 'anthropic');
    assert.ok(createAnthropicStreamError({ type: 'api_error', message: 'x' }, context) instanceof InternalServerError);
    assert.ok(createAnthropicStreamError({ type: 'something_new', message: 'x' }, context) instanceof InternalServerError);
  });

  it('redacts the key from the message', () => {
    const error = createAnthropicStreamError({ type: 'authentication_error', message: 'bad key sk-ant-secret-123' }, context);
    assert.equal(error.message.includes('sk-ant-secret-123'), false);
  });
});
