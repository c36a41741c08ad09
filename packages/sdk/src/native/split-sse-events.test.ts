// The SSE splitter of passthrough streams, read by bytes: events and UTF-8 characters split
// anywhere across reads, CRLF and CR line ends, comments, multi-line data, a last event
// without its blank line; and the OpenAI chat watcher, which skips quiet reads, still finds
// the usage chunk, the finish and an error however the bytes are cut.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createOpenAIChatStreamWatcher } from './create-openai-chat-stream-watcher.js';
import { forEachSseEvent, SseEventSplitter, type SseEvent } from './split-sse-events.js';

/** Every event the splitter finds in `wire` cut into reads of `size` bytes (and the end). */
function eventsOf(wire: string, size: number): SseEvent[] {
  const bytes = Buffer.from(wire, 'utf8');
  const splitter = new SseEventSplitter();
  const events: SseEvent[] = [];
  const push = (event: SseEvent): number => events.push(event);
  for (let start = 0; start < bytes.length; start += size) forEachSseEvent(splitter.take(bytes.subarray(start, start + size)), push);
  forEachSseEvent(splitter.rest(), push);
  return events;
}

const SIZES = [1, 2, 3, 5, 7, 13, 64, 100_000];

describe('SseEventSplitter', () => {
  it('finds the same events however the bytes are cut, with LF, CRLF and CR line ends', () => {
    const expected: SseEvent[] = [
      { event: undefined, data: '{"a":"héllo 👋"}' },
      { event: 'error', data: '{"error":{"message":"ünïcode"}}' },
      { event: undefined, data: 'line one\nline two' },
      { event: undefined, data: '[DONE]' },
    ];
    for (const end of ['\n', '\r\n', '\r']) {
      const wire = [
        `: a comment${end}data: {"a":"héllo 👋"}${end}${end}`,
        `event: error${end}data:{"error":{"message":"ünïcode"}}${end}${end}`,
        `id: 7${end}data: line one${end}data: line two${end}${end}`,
        `data: [DONE]${end}${end}`,
      ].join('');
      for (const size of SIZES) assert.deepEqual(eventsOf(wire, size), expected, `line end ${JSON.stringify(end)}, reads of ${size}`);
    }
  });

  it('reads a last event the upstream did not end with a blank line, and skips a leading BOM', () => {
    for (const size of SIZES) {
      assert.deepEqual(eventsOf('\ufeffdata: one\n\ndata: two', size), [
        { event: undefined, data: 'one' },
        { event: undefined, data: 'two' },
      ]);
    }
  });

  it('gives back whole events only: a read ending mid-event is held for the next', () => {
    const splitter = new SseEventSplitter();
    assert.equal(splitter.take(Buffer.from('data: a\n\ndata: b')), 'data: a\n\n');
    assert.equal(splitter.take(Buffer.from('c\n')), '');
    assert.equal(splitter.take(Buffer.from('\n')), 'data: bc\n\n');
    assert.equal(splitter.rest(), '');
  });
});

const USAGE = { prompt_tokens: 11, completion_tokens: 22, total_tokens: 33 };
const chunk = (delta: string, finish: string | null = null): string =>
  `data: {"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":${delta},"finish_reason":${finish === null ? 'null' : `"${finish}"`}}]}\n\n`;
const STREAM = [
  chunk('{"role":"assistant","content":""}'),
  chunk('{"content":"Hé"}'),
  chunk('{"content":"llo"}'),
  chunk('{}', 'stop'),
  `data: {"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[],"usage":${JSON.stringify(USAGE)}}\n\n`,
  'data: [DONE]\n\n',
].join('');
const CONTEXT = { provider: 'openai', model: 'gpt-test', secrets: [] };

function watch(wire: string, size: number, lineEnd = '\n'): ReturnType<typeof createOpenAIChatStreamWatcher> {
  const watcher = createOpenAIChatStreamWatcher(CONTEXT);
  const bytes = Buffer.from(wire.replaceAll('\n', lineEnd), 'utf8');
  for (let start = 0; start < bytes.length; start += size) watcher.observe(bytes.subarray(start, start + size));
  watcher.finish();
  return watcher;
}

describe('the OpenAI chat stream watcher over split reads', () => {
  it('reads usage split across reads, with LF and CRLF line ends', () => {
    for (const lineEnd of ['\n', '\r\n']) {
      for (const size of SIZES) {
        const watcher = watch(STREAM, size, lineEnd);
        assert.equal(watcher.committed, true);
        assert.equal(watcher.failure, undefined);
        assert.equal(watcher.usage?.prompt_tokens, 11, `reads of ${size}`);
        assert.equal(watcher.usage?.completion_tokens, 22);
      }
    }
  });

  it('ends a stream without [DONE] on its finish, and refuses one cut before either', () => {
    for (const size of SIZES) {
      assert.doesNotThrow(() => watch(STREAM.replace('data: [DONE]\n\n', ''), size));
      assert.throws(() => watch(STREAM.slice(0, STREAM.indexOf('"finish_reason":"stop"')), size), /ended early, before \[DONE\]/);
    }
  });

  it('sees an error event after the commit point, split across reads', () => {
    const wire = `${chunk('{"content":"Hi"}')}data: {"error":{"message":"overloaded","type":"server_error"}}\n\n`;
    for (const size of SIZES) {
      const watcher = watch(wire, size);
      assert.equal(watcher.committed, true);
      assert.match(String((watcher.failure as Error | undefined)?.message), /overloaded/, `reads of ${size}`);
    }
  });
});
