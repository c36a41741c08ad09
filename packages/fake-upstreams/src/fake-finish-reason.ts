// A fake reply's provider-neutral finish → the provider's own stop reason. Each fake declares
// its names as a table; the default (a tool turn when the reply calls tools) lives here once.

import type { FakeChatReply } from './fake-chat-reply.js';

export type FakeFinish = NonNullable<FakeChatReply['finish']>;

export function fakeFinishOf(reply: FakeChatReply): FakeFinish {
  return reply.finish ?? ((reply.toolCalls ?? []).length > 0 ? 'tool_calls' : 'stop');
}

export function mapFakeFinish(reply: FakeChatReply, names: Readonly<Record<FakeFinish, string>>): string {
  return names[fakeFinishOf(reply)];
}
