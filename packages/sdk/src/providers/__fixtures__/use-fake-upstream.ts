// The set-up every provider's completion() tests share: one fake upstream and one HTTP
// pool for the suite, and a reply a test may set, reset before each test. Registers the
// suite's before/after/beforeEach hooks; call it inside `describe`. completionThrough gives
// the suite's calls through the public completion(), aimed at that fake; useFakeServer is
// the fake-and-pool part alone, for suites whose fake takes no scripted chat reply.

import { after, before, beforeEach } from 'node:test';
import type { FakeChatReply, FakeServer } from '@llmux/fake-upstreams';
import { HttpClient } from '../../http/http-client.js';
import { completion, type CompletionParams } from '../../index.js';

export interface FakeUpstreamSuite<Reply = FakeChatReply> {
  /** The running fake (its url, its recorded requests). */
  readonly fake: FakeServer;
  readonly http: HttpClient;
  /** The next replies' script; undefined answers `defaultReply`. */
  reply: Reply | undefined;
}

export function useFakeUpstream<Reply = FakeChatReply>(start: (reply: () => Reply) => Promise<FakeServer>, defaultReply: NoInfer<Reply>): FakeUpstreamSuite<Reply> {
  const server = useFakeServer(() => start(() => suite.reply ?? defaultReply));
  const suite = {
    get fake(): FakeServer {
      return server.fake;
    },
    get http(): HttpClient {
      return server.http;
    },
    reply: undefined as Reply | undefined,
  };
  beforeEach(() => {
    suite.reply = undefined;
  });
  return suite;
}

/** One fake server and one HTTP pool for the suite, started in before() and closed in after(). */
export function useFakeServer<Server extends FakeServer>(start: () => Promise<Server>): { readonly fake: Server; readonly http: HttpClient } {
  let fake: Server | undefined;
  let http: HttpClient | undefined;
  before(async () => {
    fake = await start();
    http = new HttpClient();
  });
  after(async () => {
    await http?.close();
    await fake?.close();
  });
  return {
    get fake(): Server {
      if (fake === undefined) throw new Error('the fake upstream starts in before()');
      return fake;
    },
    get http(): HttpClient {
      if (http === undefined) throw new Error('the HTTP client is made in before()');
      return http;
    },
  };
}

/** The suite's completion() calls: the fake's url and pool, one user turn "hi", then the suite's defaults, then the test's. */
export function completionThrough<Reply>(upstream: FakeUpstreamSuite<Reply>, defaults: Partial<CompletionParams> & { model: string }) {
  const params = (own: Partial<CompletionParams>) => ({ api_base: upstream.fake.url, http_client: upstream.http, messages: [{ role: 'user' as const, content: 'hi' }], ...defaults, ...own });
  return {
    call: (own: Partial<CompletionParams> = {}) => completion({ ...params(own), stream: false }),
    stream: (own: Partial<CompletionParams> = {}) => completion({ ...params(own), stream: true }),
  };
}
