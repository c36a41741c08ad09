// The set-up both watsonx suites (watsonx/ chat and watsonx_text/ generation) share: the fake
// watsonx with its IAM endpoint, WATSONX_IAM_URL aimed at it for the suite and restored after,
// one HTTP pool, and the call parameters that reach it. Call it inside `describe`.

import { after, before } from 'node:test';
import { startFakeWatsonxUpstream, type FakeWatsonxOptions, type FakeWatsonxServer } from '@llmux/fake-upstreams';
import type { ChatMessage } from '../../spec/index.js';
import type { CompletionParams } from '../../index.js';
import { useFakeServer } from './use-fake-upstream.js';

export interface FakeWatsonxSuite {
  readonly fake: FakeWatsonxServer;
  /** `<prefix>/<model>` through the fake, with the first accepted key, the project and the suite's messages. */
  params(model: string, extra?: Partial<CompletionParams>): CompletionParams;
}

export function useFakeWatsonx(options: FakeWatsonxOptions & { project: string }, call: { prefix: string; messages: ChatMessage[] }): FakeWatsonxSuite {
  const server = useFakeServer(() => startFakeWatsonxUpstream(options));
  const savedIam = process.env['WATSONX_IAM_URL'];
  // Registered after useFakeServer's hook, so the fake is up when its url is read.
  before(() => {
    process.env['WATSONX_IAM_URL'] = `${server.fake.url}/identity/token`;
  });
  after(() => {
    if (savedIam === undefined) delete process.env['WATSONX_IAM_URL'];
    else process.env['WATSONX_IAM_URL'] = savedIam;
  });
  return {
    get fake() {
      return server.fake;
    },
    params: (model, extra = {}) => ({
      model: `${call.prefix}/${model}`,
      api_base: server.fake.url,
      api_key: options.apiKeys[0],
      project_id: options.project,
      http_client: server.http,
      messages: call.messages,
      ...extra,
    }),
  };
}
