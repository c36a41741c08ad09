// A fake OpenAI upstream that plays a script, one step per chat request, for router tests:
// answer, fail with a status (and retry-after), stall before answering, stall in the middle
// of a stream, or reset the connection. After the script it repeats `then`.

import type { ServerResponse } from 'node:http';
import { createFakeOpenAICompletion, createFakeOpenAIEvents, type FakeOpenAIChatContext } from './fake-openai-chat.js';
import { openAIErrorBody } from './fake-openai-upstream.js';
import { sendJson, sendSse, startFakeServer, type FakeServer } from './start-fake-server.js';

export type FakeScenarioStep =
  | 'ok'
  | 'reset'
  /** Accept the request and never answer (until the server closes). */
  | 'stall'
  /** Send the first content chunk of a stream, then go silent. */
  | 'stall-mid-stream'
  | { status: number; retryAfter?: number; type?: string; code?: string; message?: string };

export interface FakeScenarioOptions {
  steps?: FakeScenarioStep[];
  /** The step after the script runs out (default 'ok'). */
  then?: FakeScenarioStep;
  /** The reply text of 'ok' steps (default `Hello from <name>`). */
  name?: string;
}

export interface FakeScenarioServer extends FakeServer {
  /** Chat requests received so far. */
  readonly calls: number;
}

export async function startFakeScenarioUpstream(options: FakeScenarioOptions = {}): Promise<FakeScenarioServer> {
  let calls = 0;
  const stalled = new Set<ServerResponse>();
  const server = await startFakeServer(async (request, response) => {
    const step = options.steps?.[calls] ?? options.then ?? 'ok';
    calls += 1;
    const body = (request.json ?? {}) as { model?: string; stream?: boolean };
    const reply = { content: `Hello from ${options.name ?? body.model ?? 'fake'}`, usage: { promptTokens: 5, completionTokens: 4 } };
    const context: FakeOpenAIChatContext = { reasoningField: undefined, id: `chatcmpl-scenario${calls}`, model: body.model ?? 'fake', created: Math.floor(Date.now() / 1000) };
    if (step === 'reset') {
      response.socket?.destroy();
      return;
    }
    if (step === 'stall') {
      stalled.add(response);
      return;
    }
    if (step === 'stall-mid-stream') {
      const events = createFakeOpenAIEvents(context, reply, [], true);
      const firstContent = events.findIndex((event) => event.content);
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const event of events.slice(0, firstContent + 1)) response.write(event.frame);
      stalled.add(response);
      return;
    }
    if (step === 'ok') {
      if (body.stream === true)
        return sendSse(
          response,
          createFakeOpenAIEvents(context, reply, [], true).map((event) => event.frame),
        );
      return sendJson(response, 200, createFakeOpenAICompletion(context, reply, []));
    }
    const headers: Record<string, string> = step.retryAfter === undefined ? {} : { 'retry-after': String(step.retryAfter) };
    return sendJson(response, step.status, openAIErrorBody(step.message ?? `scripted failure ${step.status}`, step.type ?? 'server_error', step.code ?? null), headers);
  });
  return {
    ...server,
    get calls() {
      return calls;
    },
    close: async () => {
      for (const response of stalled) response.destroy();
      await server.close();
    },
  };
}
