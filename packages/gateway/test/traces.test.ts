// OpenTelemetry: with the `otel` callback, each model call becomes a span with the GenAI
// attributes, exported over OTLP/HTTP JSON to a fake receiver; an incoming traceparent
// makes the span its child, and the request id rides along as an attribute.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { parseTraceparent } from '../src/observability/tracing/parse-traceparent.js';
import { startCaptureServer, type CaptureServer } from './helpers/capture-server.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';

const MASTER_KEY = 'sk-master-traces';
const PARENT_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN = '00f067aa0ba902b7';

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: number | string; doubleValue?: number; boolValue?: boolean };
}
interface OtlpSpan {
  traceId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: OtlpAttribute[];
}
interface OtlpExport {
  resourceSpans: Array<{ resource: { attributes: OtlpAttribute[] }; scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
}

function attributesOf(span: OtlpSpan): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const { key, value } of span.attributes)
    values[key] = value.stringValue ?? (value.intValue === undefined ? undefined : Number(value.intValue)) ?? value.doubleValue ?? value.boolValue;
  return values;
}

describe('otel traces', () => {
  let upstream: FakeServer;
  let receiver: CaptureServer;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startFakeOpenAIUpstream({ reply: () => ({ content: 'traced', usage: { promptTokens: 11, completionTokens: 5 } }) });
    receiver = await startCaptureServer();
    gateway = await startTestGateway({
      model_list: [{ model_name: 'gpt-traced', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: 'sk-up' }, model_info: { id: 'dep-t' } }],
      litellm_settings: { callbacks: ['otel'], callback_settings: { otel: { endpoint: `${receiver.url}/v1/traces`, export_interval: 0.05 } } },
      general_settings: { master_key: MASTER_KEY },
    });
    await gateway.gateway.observability.tracing?.ready;
  });
  after(async () => {
    await gateway.close();
    await receiver.close();
    await upstream.close();
  });

  it('exports a span per call with GenAI attributes, joined to the caller trace', async () => {
    const client = new OpenAI({ apiKey: MASTER_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const { response } = await client.chat.completions
      .create(
        { model: 'gpt-traced', messages: [{ role: 'user', content: 'hi' }] },
        { headers: { traceparent: `00-${PARENT_TRACE}-${PARENT_SPAN}-01`, 'x-request-id': 'req-trace-1' } },
      )
      .withResponse();
    // The gateway's own id (a client's x-request-id is only kept beside it, issue 15.3).
    const callId = response.headers.get('x-litellm-call-id');
    assert.ok(callId !== null && callId !== 'req-trace-1');
    await receiver.waitFor(1);
    const exported = JSON.parse(receiver.requests[0]?.body ?? '{}') as OtlpExport;
    assert.equal(receiver.requests[0]?.path, '/v1/traces');
    const resource = exported.resourceSpans[0]?.resource.attributes.find((attribute) => attribute.key === 'service.name');
    assert.equal(resource?.value.stringValue, 'llmux-gateway');
    const span = exported.resourceSpans[0]?.scopeSpans[0]?.spans[0] as OtlpSpan;
    assert.equal(span.name, 'chat gpt-traced');
    assert.equal(span.kind, 2, 'SERVER');
    assert.equal(span.traceId, PARENT_TRACE);
    assert.equal(span.parentSpanId, PARENT_SPAN);
    const attributes = attributesOf(span);
    assert.equal(attributes['gen_ai.operation.name'], 'chat');
    assert.equal(attributes['gen_ai.system'], 'openai');
    assert.equal(attributes['gen_ai.request.model'], 'gpt-traced');
    assert.equal(attributes['gen_ai.response.model'], 'gpt-4o-mini');
    assert.equal(attributes['gen_ai.usage.input_tokens'], 11);
    assert.equal(attributes['gen_ai.usage.output_tokens'], 5);
    assert.equal(attributes['http.response.status_code'], 200);
    assert.equal(attributes['llmux.request_id'], callId);
    assert.equal(attributes['llmux.deployment_id'], 'dep-t');
    assert.ok(!receiver.requests.some((request) => request.body.includes(MASTER_KEY) || request.body.includes('sk-up')));
  });
});

describe('parseTraceparent', () => {
  it('accepts W3C version 00 and rejects malformed or all-zero ids', () => {
    assert.deepEqual(parseTraceparent(`00-${PARENT_TRACE}-${PARENT_SPAN}-01`), { traceId: PARENT_TRACE, spanId: PARENT_SPAN, traceFlags: 1 });
    assert.equal(parseTraceparent('00-abc-def-01'), undefined);
    assert.equal(parseTraceparent(`00-${'0'.repeat(32)}-${PARENT_SPAN}-01`), undefined);
    assert.equal(parseTraceparent(undefined), undefined);
  });
});
