// Canonical messages → a system list and user/assistant turns that alternate, the shape
// Anthropic's Messages API and Bedrock's Converse both require. System and developer
// messages move to the system list; tool results join a user turn; consecutive same-role
// turns merge; a turn with no blocks is left out. The provider supplies the block
// converters; this file owns the walk.

import { BadRequestError } from '../errors/error-classes.js';
import type { AssistantMessage, SystemMessage, ToolMessage, UserMessage } from '../spec/chat-message.js';
import type { ChatMessage } from '../spec/index.js';

export interface TurnConverters<Block, SystemBlock> {
  system(message: SystemMessage, index: number): SystemBlock[];
  user(message: UserMessage, index: number): Block[];
  assistant(message: AssistantMessage, index: number): Block[];
  tool(message: ToolMessage, index: number): Block[];
}

export interface AlternatingTurns<Block, SystemBlock> {
  system: SystemBlock[];
  turns: Array<{ role: 'user' | 'assistant'; content: Block[] }>;
}

export function groupAlternatingTurns<Block, SystemBlock>(messages: readonly ChatMessage[], converters: TurnConverters<Block, SystemBlock>): AlternatingTurns<Block, SystemBlock> {
  const system: SystemBlock[] = [];
  const turns: AlternatingTurns<Block, SystemBlock>['turns'] = [];
  const append = (role: 'user' | 'assistant', blocks: Block[]): void => {
    if (blocks.length === 0) return;
    const last = turns.at(-1);
    if (last !== undefined && last.role === role) last.content.push(...blocks);
    else turns.push({ role, content: blocks });
  };
  messages.forEach((message, index) => {
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...converters.system(message, index));
        break;
      case 'user':
        append('user', converters.user(message, index));
        break;
      case 'assistant':
        append('assistant', converters.assistant(message, index));
        break;
      case 'tool':
        append('user', converters.tool(message, index));
        break;
      default: {
        const exhaustive: never = message;
        throw new BadRequestError(`unknown message role in ${JSON.stringify(exhaustive)}`, { param: `messages[${index}].role` });
      }
    }
  });
  return { system, turns };
}
