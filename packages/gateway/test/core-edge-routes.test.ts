// The edge's route table for the next doors: path parameters (`/v1/responses/{id}`), every
// HTTP method, 405 with the methods a path takes, and errors worded by the dialect that owns
// a path even when no route took it.

import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RequestContext } from '../src/http/request-context.js';
import { RouteTable } from '../src/http/route-table.js';
import type { Route } from '../src/http/route.js';

const route = (method: Route['method'], path: string): Route => ({ method, paths: [path], handle: () => undefined });

describe('route table', () => {
  const get = route('GET', '/v1/responses/{id}');
  const remove = route('DELETE', '/v1/responses/{id}');
  const cancel = route('POST', '/v1/responses/{id}/cancel');
  const create = route('POST', '/v1/responses');
  const table = new RouteTable([get, remove, cancel, create]);

  it('matches path parameters, decoded, for each method', () => {
    // The route table writes only `params`; a whole RequestContext needs a live request.
    const context = { params: undefined } as unknown as RequestContext;
    assert.equal(table.lookup('GET', '/v1/responses/resp_1%2F2', context), get);
    assert.deepEqual(context.params, { id: 'resp_1/2' });
    assert.equal(table.lookup('DELETE', '/v1/responses/resp_9', context), remove);
    assert.equal(table.lookup('POST', '/v1/responses/resp_9/cancel', context), cancel);
    assert.equal(table.lookup('POST', '/v1/responses', context), create);
  });

  it('answers 405 with the allowed methods, 404 for an empty or unknown segment', () => {
    assert.throws(
      () => table.lookup('PATCH', '/v1/responses/resp_1'),
      (error: unknown) =>
        (error as { status: number; headers: Record<string, string> }).status === 405 && (error as { headers: Record<string, string> }).headers['allow'] === 'GET, DELETE',
    );
    assert.throws(
      () => table.lookup('GET', '/v1/responses/'),
      (error: unknown) => (error as { status: number }).status === 404,
    );
    assert.throws(
      () => table.lookup('GET', '/v1/responses/a/b'),
      (error: unknown) => (error as { status: number }).status === 404,
    );
    // A malformed escape is kept as sent, never a 500.
    const context = { params: undefined } as unknown as RequestContext;
    assert.equal(table.lookup('GET', '/v1/responses/%E0%A4%A', context), get);
    assert.deepEqual(context.params, { id: '%E0%A4%A' });
  });

  it('names the error writer of the dialect owning a path', () => {
    const writer = (): void => undefined;
    table.addErrorWriter('/v1/messages', writer);
    assert.equal(table.errorWriterFor('/v1/messages/whatever'), writer);
    assert.equal(table.errorWriterFor('/v1/chat/completions'), undefined);
  });
});
