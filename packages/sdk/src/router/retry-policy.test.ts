import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  APIConnectionError,
  AuthenticationError,
  BadRequestError,
  BudgetExceededError,
  ContentPolicyViolationError,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
} from '../errors/error-classes.js';
import { blamesDeployment, classifyError } from './classify-error.js';
import { allowedRetries } from './retry-policy.js';

describe('allowedRetries', () => {
  it('retries only retryable errors by default', () => {
    assert.equal(allowedRetries(new RateLimitError('x'), 3, undefined), 3);
    assert.equal(allowedRetries(new APIConnectionError('x'), 3, undefined), 3);
    assert.equal(allowedRetries(new BadRequestError('retry please'), 3, undefined), 0);
    assert.equal(allowedRetries(new BudgetExceededError('x'), 3, undefined), 0);
    assert.equal(allowedRetries(new Error('plain'), 3, undefined), 0);
  });

  it('lets retry_policy set each class', () => {
    const policy = { TimeoutErrorRetries: 1, AuthenticationErrorRetries: 2, InternalServerErrorRetries: 0 };
    assert.equal(allowedRetries(new TimeoutError('x'), 5, policy), 1);
    assert.equal(allowedRetries(new AuthenticationError('x'), 5, policy), 2);
    assert.equal(allowedRetries(new ServiceUnavailableError('x'), 5, policy), 0);
    assert.equal(allowedRetries(new RateLimitError('x'), 5, policy), 5);
  });
});

describe('classifyError', () => {
  it('names LiteLLM policy classes by type', () => {
    assert.equal(classifyError(new ContentPolicyViolationError('x')), 'ContentPolicyViolationError');
    assert.equal(classifyError(new BadRequestError('x')), 'BadRequestError');
    assert.equal(classifyError(new ServiceUnavailableError('x')), 'InternalServerError');
    assert.equal(classifyError(new BudgetExceededError('x')), undefined);
  });

  it('blames the deployment for transient and credential failures only', () => {
    assert.ok(blamesDeployment(new RateLimitError('x')));
    assert.ok(blamesDeployment(new AuthenticationError('x')));
    assert.ok(!blamesDeployment(new BadRequestError('x')));
    assert.ok(!blamesDeployment(new ContentPolicyViolationError('x')));
  });
});
