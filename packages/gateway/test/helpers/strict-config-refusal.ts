// Config tests that expect a strict parse to refuse a document: the ConfigError's message (the
// assertions match the path it names), and a failed test when the document is accepted.

import * as assert from 'node:assert/strict';
import { ConfigError, parseConfig } from '../../src/index.js';

export function strictConfigRefusal(document: unknown): string {
  try {
    parseConfig(document, 'litellm.yaml', {}, { strict: true });
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.message;
  }
  assert.fail('the config was accepted');
}
