// Amazon Bedrock's ApplyGuardrail (POST /guardrail/{id}/version/{version}/apply on
// bedrock-runtime), SigV4-checked as AWS's front end does. One guardrail is configured: its
// word filter blocks `blockedWords`, its sensitive-information filter anonymizes emails as
// `{EMAIL}` and blocks card numbers. The answer has AWS's shape: `action`, `outputs` (the
// masked text, or the guardrail's blocked message) and `assessments` per policy.

import { sendAwsError } from './fake-aws-event-stream.js';
import { verifyAwsSigV4, type FakeAwsCredentials } from './fake-aws-sigv4.js';
import { isRecord } from './is-record.js';
import { sendJson, startFakeServer, type FakeServer } from './start-fake-server.js';

export interface FakeBedrockGuardrailOptions extends FakeAwsCredentials {
  region: string;
  guardrailIdentifier: string;
  guardrailVersion: string;
  blockedWords?: string[];
}

const BLOCKED_MESSAGE = 'Sorry, the model cannot answer this question.';
const PATH = /^\/guardrail\/([^/]+)\/version\/([^/]+)\/apply$/;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const CARD = /\b(?:\d[ -]?){13,16}\b/g;

export function startFakeBedrockGuardrail(options: FakeBedrockGuardrailOptions): Promise<FakeServer> {
  return startFakeServer(async (request, response) => {
    const path = PATH.exec(request.url);
    if (request.method !== 'POST' || path === null) return sendAwsError(response, 404, 'UnknownOperationException', 'Unknown operation');
    const denied = await verifyAwsSigV4(request, { ...options, service: 'bedrock' });
    if (denied !== undefined) return sendAwsError(response, denied.status, denied.errorType, denied.message);
    if (decodeURIComponent(path[1] ?? '') !== options.guardrailIdentifier || path[2] !== options.guardrailVersion) {
      return sendAwsError(response, 404, 'ResourceNotFoundException', 'The guardrail identifier or version provided in the request does not exist.');
    }
    const body = request.json;
    if (!isRecord(body) || (body['source'] !== 'INPUT' && body['source'] !== 'OUTPUT') || !Array.isArray(body['content'])) {
      return sendAwsError(response, 400, 'ValidationException', "1 validation error detected: Value at 'source' failed to satisfy constraint");
    }
    const texts = body['content'].map((block: unknown) => (isRecord(block) && isRecord(block['text']) && typeof block['text']['text'] === 'string' ? block['text']['text'] : ''));
    const joined = texts.join('\n');
    const words = (options.blockedWords ?? []).filter((word) => joined.toLowerCase().includes(word.toLowerCase()));
    const emails = [...joined.matchAll(EMAIL)].map((match) => match[0]);
    const cards = [...joined.matchAll(CARD)].map((match) => match[0]);
    const assessment: Record<string, unknown> = {};
    if (words.length > 0) assessment['wordPolicy'] = { customWords: words.map((match) => ({ match, action: 'BLOCKED', detected: true })) };
    if (emails.length > 0 || cards.length > 0) {
      assessment['sensitiveInformationPolicy'] = {
        piiEntities: [
          ...emails.map((match) => ({ match, type: 'EMAIL', action: 'ANONYMIZED', detected: true })),
          ...cards.map((match) => ({ match, type: 'CREDIT_DEBIT_CARD_NUMBER', action: 'BLOCKED', detected: true })),
        ],
        regexes: [],
      };
    }
    const usage = {
      topicPolicyUnits: 0,
      contentPolicyUnits: 1,
      wordPolicyUnits: 1,
      sensitiveInformationPolicyUnits: 1,
      sensitiveInformationPolicyFreeUnits: 0,
      contextualGroundingPolicyUnits: 0,
    };
    if (Object.keys(assessment).length === 0) return sendJson(response, 200, { usage, action: 'NONE', outputs: [], assessments: [{}] });
    const blocked = words.length > 0 || cards.length > 0;
    const outputs = blocked ? [{ text: BLOCKED_MESSAGE }] : texts.map((text) => ({ text: text.replace(EMAIL, '{EMAIL}') }));
    return sendJson(response, 200, { usage, action: 'GUARDRAIL_INTERVENED', actionReason: 'Guardrail blocked.', outputs, assessments: [assessment] });
  });
}
