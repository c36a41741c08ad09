// tokenCounter() through the public API, against gpt-tokenizer's own encode() and the
// documented message formula: 3 tokens of framing per message plus role, content and
// name (+1), 3 tokens priming the reply; images per OpenAI's tile formula.

import { strict as assert } from 'node:assert';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { encode as encodeCl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { encode as encodeO200k } from 'gpt-tokenizer/encoding/o200k_base';
import { tokenCounter, type ChatMessage, type FunctionTool } from '../index.js';

// User text is counted as plain text, special-token strings included.
const PLAIN = { disallowedSpecial: new Set<string>() };
const o200k = (text: string) => encodeO200k(text, PLAIN).length;
const cl100k = (text: string) => encodeCl100k(text, PLAIN).length;

const SAMPLE = 'The quick brown fox — jumps over 13 lazy dogs! 日本語のテキストも数えます。';

function pngDataUrl(width: number, height: number): string {
  const bytes = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'latin1');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return `data:image/png;base64,${bytes.toString('base64')}`;
}

function jpegDataUrl(width: number, height: number): string {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0', 'latin1'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const sof = Buffer.alloc(19);
  sof.set([0xff, 0xc0, 0x00, 0x11, 0x08]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return `data:image/jpeg;base64,${Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof]).toString('base64')}`;
}

function gifDataUrl(width: number, height: number): string {
  const bytes = Buffer.alloc(13);
  bytes.write('GIF89a', 0, 'latin1');
  bytes.writeUInt16LE(width, 6);
  bytes.writeUInt16LE(height, 8);
  return `data:image/gif;base64,${bytes.toString('base64')}`;
}

function webpDataUrl(width: number, height: number): string {
  const bytes = Buffer.alloc(30);
  bytes.write('RIFF', 0, 'latin1');
  bytes.write('WEBPVP8X', 8, 'latin1');
  bytes.writeUIntLE(width - 1, 24, 3);
  bytes.writeUIntLE(height - 1, 27, 3);
  return `data:image/webp;base64,${bytes.toString('base64')}`;
}

function image(url: string, detail?: 'low' | 'high' | 'auto'): ChatMessage {
  return { role: 'user', content: [{ type: 'image_url', image_url: { url, ...(detail ? { detail } : {}) } }] };
}

/** Tokens of one user message holding only an image, besides the image itself. */
const IMAGE_MESSAGE_FRAMING = 3 + 3 + o200k('user');

describe('tokenCounter', () => {
  it('does not load a tokenizer until asked to count', () => {
    const loaded = Object.keys(createRequire(import.meta.url).cache).filter((path) => path.includes('gpt-tokenizer'));
    assert.deepEqual(loaded, []);
  });

  it('counts text with o200k_base for current OpenAI models and by default', () => {
    for (const model of ['openai/gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'o3-mini', 'gpt-5', 'anthropic/claude-sonnet-4-5', 'unknown-model']) {
      assert.equal(tokenCounter({ model, text: SAMPLE }), o200k(SAMPLE), model);
    }
  });

  it('counts text with cl100k_base for gpt-4, gpt-3.5 and the embedding models', () => {
    assert.notEqual(cl100k(SAMPLE), o200k(SAMPLE), 'the sample tells the encodings apart');
    for (const model of ['openai/gpt-4', 'gpt-4-turbo', 'gpt-3.5-turbo', 'azure/gpt-35-turbo', 'text-embedding-ada-002', 'text-embedding-3-small']) {
      assert.equal(tokenCounter({ model, text: SAMPLE }), cl100k(SAMPLE), model);
    }
  });

  it('sums a list of texts and treats special-token strings as plain text', () => {
    const texts = ['hello world', SAMPLE, 'and <|endoftext|> is just text'];
    assert.equal(
      tokenCounter({ model: 'gpt-4o', text: texts }),
      texts.reduce((sum, text) => sum + o200k(text), 0),
    );
  });

  it('counts messages with per-message framing, names and reply priming', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'You are a helpful assistant.' },
      { role: 'user', content: SAMPLE, name: 'alice' },
      { role: 'assistant', content: 'Sure.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'part one' },
          { type: 'text', text: ' and part two' },
        ],
      },
    ];
    const expected =
      3 +
      (3 + o200k('system') + o200k('You are a helpful assistant.')) +
      (3 + o200k('user') + o200k(SAMPLE) + o200k('alice') + 1) +
      (3 + o200k('assistant') + o200k('Sure.')) +
      (3 + o200k('user') + o200k('part one') + o200k(' and part two'));
    assert.equal(tokenCounter({ model: 'openai/gpt-4o', messages }), expected);
  });

  it('counts tool calls and tool results', () => {
    const args = '{"city":"Paris","unit":"celsius"}';
    const messages: ChatMessage[] = [
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: args } }] },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temperature":21}' },
    ];
    const expected = 3 + (3 + o200k('assistant') + 3 + o200k('get_weather') + o200k(args)) + (3 + o200k('tool') + o200k('{"temperature":21}'));
    assert.equal(tokenCounter({ model: 'gpt-4o', messages }), expected);
  });

  it('counts tool definitions roughly from their JSON', () => {
    const parameters = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    const tools: FunctionTool[] = [{ type: 'function', function: { name: 'get_weather', description: 'Current weather', parameters } }];
    const expected = 12 + 8 + o200k('get_weather') + o200k('Current weather') + o200k(JSON.stringify(parameters));
    assert.equal(tokenCounter({ model: 'gpt-4o', tools }), expected);
  });

  it('counts images with OpenAI’s tile formula when the size is known, else 85', () => {
    const count = (message: ChatMessage) => tokenCounter({ model: 'gpt-4o', messages: [message] }) - IMAGE_MESSAGE_FRAMING;
    assert.equal(count(image('https://example.com/cat.png')), 85);
    assert.equal(count(image(pngDataUrl(1024, 1024), 'low')), 85);
    // 1024² → 768² → 2×2 tiles.
    assert.equal(count(image(pngDataUrl(1024, 1024), 'high')), 85 + 170 * 4);
    // OpenAI's example: 2048×4096 → 1024×2048 → 768×1536 → 2×3 tiles.
    assert.equal(count(image(jpegDataUrl(2048, 4096))), 85 + 170 * 6);
    // Small images are not scaled up: 500×300 is one tile.
    assert.equal(count(image(gifDataUrl(500, 300), 'auto')), 85 + 170);
    assert.equal(count(image(webpDataUrl(1600, 900))), 85 + 170 * 6);
  });

  it('counts a 200,000-character word in pieces: under 2 s, not minutes (BPE is quadratic in a word)', () => {
    // Distinct characters, so the tokenizer's word cache cannot hide the cost.
    const word = Array.from({ length: 200_000 }, (_, index) => String.fromCharCode(97 + ((index * 7919) % 26))).join('');
    const started = performance.now();
    const tokens = tokenCounter({ model: 'gpt-4o', text: word });
    assert.ok(performance.now() - started < 2000, `took ${(performance.now() - started).toFixed(0)} ms`);
    // Pieces of 128 characters: at least a token a piece, at most one a character.
    assert.ok(tokens >= 200_000 / 128 && tokens < 200_000, String(tokens));
    // Natural text has no such runs and is counted exactly.
    assert.equal(tokenCounter({ model: 'gpt-4o', text: SAMPLE }), o200k(SAMPLE));
  });

  it('counts nothing for nothing', () => {
    assert.equal(tokenCounter({ model: 'gpt-4o' }), 0);
    assert.equal(tokenCounter({ model: 'gpt-4o', messages: [], text: '' }), 0);
  });
});
