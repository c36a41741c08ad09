// The `<think>` splitter on whole texts and on streams cut at every position (and into single
// characters), which must give the same reasoning and content as the whole text.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { splitThinkTags, ThinkTagSplitter } from './split-think-tags.js';

function streamed(pieces: string[], startsInside = false): { reasoning: string; content: string } {
  const splitter = new ThinkTagSplitter(startsInside);
  let reasoning = '';
  let content = '';
  for (const piece of [...pieces.map((text) => splitter.push(text)), splitter.end()]) {
    reasoning += piece.reasoning;
    content += piece.content;
  }
  return { reasoning, content };
}

const CASES: Array<{ text: string; startsInside?: boolean; reasoning: string | undefined; content: string }> = [
  { text: '<think>Weigh it.</think>\n\nThe answer is 4.', reasoning: 'Weigh it.', content: '\n\nThe answer is 4.' },
  { text: '\n <think>a<b</think>c', reasoning: 'a<b', content: 'c' },
  { text: '<think></think>Only text.', reasoning: '', content: 'Only text.' },
  { text: 'No block here, <think>not leading</think>.', reasoning: undefined, content: 'No block here, <think>not leading</think>.' },
  { text: '<thinker>x', reasoning: undefined, content: '<thinker>x' },
  { text: '<thi', reasoning: undefined, content: '<thi' },
  { text: '<think>ran out of tokens while thinking </thi', reasoning: 'ran out of tokens while thinking </thi', content: '' },
  { text: 'Opened by the prompt.\n</think>\n\nAnswer.', startsInside: true, reasoning: 'Opened by the prompt.\n', content: '\n\nAnswer.' },
  { text: '', reasoning: undefined, content: '' },
];

describe('splitThinkTags / ThinkTagSplitter', () => {
  for (const { text, startsInside, reasoning, content } of CASES) {
    it(`splits ${JSON.stringify(text)}${startsInside === true ? ' (started inside)' : ''} whole, at every cut and per character`, () => {
      assert.deepEqual(splitThinkTags(text, startsInside), { reasoning, content });
      for (let cut = 0; cut <= text.length; cut++) {
        assert.deepEqual(streamed([text.slice(0, cut), text.slice(cut)], startsInside), { reasoning: reasoning ?? '', content }, `cut at ${cut}`);
      }
      assert.deepEqual(streamed([...text], startsInside), { reasoning: reasoning ?? '', content });
    });
  }

  it('hands text on as it arrives, holding back only a possible tag', () => {
    const splitter = new ThinkTagSplitter();
    assert.deepEqual(splitter.push('<thi'), { reasoning: '', content: '' });
    assert.deepEqual(splitter.push('nk>Let me see</'), { reasoning: 'Let me see', content: '' });
    assert.deepEqual(splitter.push('think>Yes'), { reasoning: '', content: 'Yes' });
    assert.deepEqual(splitter.push(' <think> stays'), { reasoning: '', content: ' <think> stays' });
    assert.deepEqual(splitter.end(), { reasoning: '', content: '' });
  });
});
