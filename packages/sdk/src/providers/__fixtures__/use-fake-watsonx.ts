// The set-up both watsonx suites (watsonx/ chat and watsonx_text/ generation) share: the fake
// watsonx with its IAM endpoint, WATSONX_IAM_URL aimed at it for the suite and restored after,
// one HTTP pool, and the call parameters that reach it. Call it inside `describe`.

import { after, before } from 'node:test';
import { startFakeWatsonxUpstream, type FakeWatsonxOptions, type FakeWatsonxServer } from '@llmux/fake-upstreams';
import { HttpClient } from '../../http/http-client.js';
import type { ChatMessage } from '../../spec/index.js';
import type { CompletionParams } from '../../index.js';

export interface FakeWatsonxSuite {
  readonly fake: FakeWatsonxServer;
  /** `<prefix>/<model>` through the fake, with the first accepted key, the project and the suite's messages. */
  params(model: string, extra?: Partial<CompletionParams>): CompletionParams;
}

export function useFakeWatsonx(options: FakeWatsonxOptions & { project: string }, call: { prefix: string; messages: ChatMessage[] }): FakeWatsonxSuite {
  let fake: FakeWatsonxServer | undefined;
  let http: HttpClient | undefined;
  const savedIam = process.env['WATSONX_IAM_URL'];
  before(async () => {
    fake = await startFakeWatsonxUpstream(options);
    http = new HttpClient();
    process.env['WATSONX_IAM_URL'] = `${fake.url}/identity/token`;
  });
  after(async () => {
    if (savedIam === undefined) delete process.env['WATSONX_IAM_URL'];
    else process.env['WATSONX_IAM_URL'] = savedIam;
    await http?.close();
    await fake?.close();
  });
  const started = (): FakeWatsonxServer => {
    if (fake === undefined) throw new Error('the fake watsonx starts in before()');
    return fake;
  };
  return {
    get fake() {
      return started();
    },
    params: (model, extra = {}) => ({
      model: `${call.prefix}/${model}`,
      api_base: started().url,
      api_key: options.apiKeys[0],
      project_id: options.project,
      http_client: http,
      messages: call.messages,
      ...extra,
    }),
  };
}
