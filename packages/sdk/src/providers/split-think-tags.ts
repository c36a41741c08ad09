// Reasoning that a model writes inline, as a `<think>…</think>` block at the start of its
// content (DeepSeek-R1, QwQ and Qwen3 served without a reasoning parser), moved out into
// `reasoning_content`, as LiteLLM does: only a leading block counts (leading whitespace
// allowed); a `<think>` later in the text is the model's text and stays. Where the prompt
// already opened the block (Bedrock's DeepSeek-R1 template ends in `<think>\n`), the reply
// starts inside it and the reasoning runs to the first `</think>`.
//
// The streamed form holds back only what could still be part of a tag cut between two
// chunks (at most 7 characters), so text flows as it arrives; once the content is past the
// block (or never had one), every piece is handed on untouched.

const OPEN = '<think>';
const CLOSE = '</think>';

export interface ThinkSplit {
  reasoning: string;
  content: string;
}

/** A whole reply's content: the leading block's text (undefined when there is none) and the rest. */
export function splitThinkTags(text: string, startsInside = false): { reasoning: string | undefined; content: string } {
  const splitter = new ThinkTagSplitter(startsInside);
  const first = splitter.push(text);
  const last = splitter.end();
  const reasoning = first.reasoning + last.reasoning;
  return { reasoning: splitter.sawBlock ? reasoning : undefined, content: first.content + last.content };
}

export class ThinkTagSplitter {
  private state: 'start' | 'inside' | 'after';
  private held = '';
  /** Whether a block was opened (or the reply started inside one). */
  sawBlock: boolean;

  constructor(startsInside = false) {
    this.state = startsInside ? 'inside' : 'start';
    this.sawBlock = startsInside;
  }

  /** The next piece of content → what of it is reasoning and what is content, so far. */
  push(text: string): ThinkSplit {
    if (this.state === 'after') return { reasoning: '', content: text };
    this.held += text;
    if (this.state === 'start') {
      const trimmed = this.held.trimStart();
      // Only whitespace or the first letters of `<think>` so far: wait for more.
      if (trimmed.length < OPEN.length && OPEN.startsWith(trimmed)) return { reasoning: '', content: '' };
      if (!trimmed.startsWith(OPEN)) return this.finish('', this.held);
      this.state = 'inside';
      this.sawBlock = true;
      this.held = trimmed.slice(OPEN.length);
    }
    const close = this.held.indexOf(CLOSE);
    if (close !== -1) return this.finish(this.held.slice(0, close), this.held.slice(close + CLOSE.length));
    const keep = partialSuffix(this.held, CLOSE);
    const reasoning = this.held.slice(0, this.held.length - keep);
    this.held = this.held.slice(this.held.length - keep);
    return { reasoning, content: '' };
  }

  /** The end of the content: what was held back, as reasoning inside an unclosed block, else as content. */
  end(): ThinkSplit {
    const held = this.held;
    this.held = '';
    if (this.state === 'inside') return { reasoning: held, content: '' };
    this.state = 'after';
    return { reasoning: '', content: held };
  }

  private finish(reasoning: string, content: string): ThinkSplit {
    this.state = 'after';
    this.held = '';
    return { reasoning, content };
  }
}

/** The length of the longest end of `text` that is a beginning of `tag` (a tag cut between chunks). */
function partialSuffix(text: string, tag: string): number {
  for (let length = Math.min(tag.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(tag.slice(0, length))) return length;
  }
  return 0;
}
