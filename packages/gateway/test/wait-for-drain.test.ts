import * as assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, it } from 'node:test';
import { waitForDrain } from '../src/http/wait-for-drain.js';

function fakeResponse(state: { destroyed: boolean; writableNeedDrain: boolean }): ServerResponse & EventEmitter {
  // Only the fields waitForDrain reads; a real socket cannot be put in these states on demand.
  return Object.assign(new EventEmitter(), state) as unknown as ServerResponse & EventEmitter;
}

describe('waitForDrain', () => {
  it('resolves at once for a response already destroyed (its close event has passed)', async () => {
    await waitForDrain(fakeResponse({ destroyed: true, writableNeedDrain: true }));
  });

  it('waits for drain, or for close', async () => {
    for (const event of ['drain', 'close']) {
      const response = fakeResponse({ destroyed: false, writableNeedDrain: true });
      let resolved = false;
      const waiting = waitForDrain(response).then(() => (resolved = true));
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(resolved, false);
      response.emit(event);
      await waiting;
      assert.equal(response.listenerCount('drain') + response.listenerCount('close'), 0);
    }
  });
});
