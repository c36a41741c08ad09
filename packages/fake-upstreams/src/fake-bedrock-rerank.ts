// A fake Bedrock Agent Runtime on 127.0.0.1:0 serving `POST /rerank`, SigV4-signed for
// service `bedrock`: inline text queries and sources, a BEDROCK_RERANKING_MODEL configuration
// naming a foundation-model ARN in the signing region; reply `results[{index, relevanceScore}]`.
// Errors carry AWS's `x-amzn-ErrorType` and `{"message"}`.

import { verifyAwsSigV4, type FakeAwsCredentials } from './fake-aws-sigv4.js';
import { awsRequestId, sendAwsError } from './fake-aws-event-stream.js';
import { rankFakeDocuments } from './fake-rerank-scores.js';
import { isRecord } from './is-record.js';
import { sendJson, startFakeServer, type FakeServer } from './start-fake-server.js';

export interface FakeBedrockRerankOptions extends FakeAwsCredentials {
  region: string;
}

const MODEL_ARN = /^arn:aws:bedrock:([a-z0-9-]+)::foundation-model\/(amazon\.rerank-v1:0|cohere\.rerank-v3-5:0)$/;

export function startFakeBedrockAgentRuntime(options: FakeBedrockRerankOptions): Promise<FakeServer> {
  return startFakeServer(async (request, response) => {
    const denied = await verifyAwsSigV4(request, { ...options, service: 'bedrock' });
    if (denied !== undefined) return sendAwsError(response, denied.status, denied.errorType, denied.message);
    if (request.method !== 'POST' || request.url !== '/rerank') return sendAwsError(response, 404, 'UnknownOperationException', 'Unknown operation');
    const invalid = (message: string): void => sendAwsError(response, 400, 'ValidationException', message);
    const body = request.json;
    if (!isRecord(body)) return invalid('Malformed input request, please reformat your input and try again.');
    const queries = body['queries'];
    const query = Array.isArray(queries) && queries.length === 1 ? (queries[0] as { type?: unknown; textQuery?: { text?: unknown } }) : undefined;
    if (query?.type !== 'TEXT' || typeof query.textQuery?.text !== 'string') return invalid('queries: exactly one TEXT query is required');
    const sources = body['sources'];
    if (!Array.isArray(sources) || sources.length === 0) return invalid('sources: at least one source is required');
    const texts: string[] = [];
    for (const source of sources as Array<{ type?: unknown; inlineDocumentSource?: { type?: unknown; textDocument?: { text?: unknown } } }>) {
      const text = source.inlineDocumentSource?.textDocument?.text;
      if (source.type !== 'INLINE' || source.inlineDocumentSource?.type !== 'TEXT' || typeof text !== 'string') return invalid('sources: INLINE TEXT documents only');
      texts.push(text);
    }
    const configuration = body['rerankingConfiguration'] as
      { type?: unknown; bedrockRerankingConfiguration?: { numberOfResults?: unknown; modelConfiguration?: { modelArn?: unknown } } } | undefined;
    const arn = configuration?.bedrockRerankingConfiguration?.modelConfiguration?.modelArn;
    const match = typeof arn === 'string' ? MODEL_ARN.exec(arn) : null;
    if (configuration?.type !== 'BEDROCK_RERANKING_MODEL' || match === null || match[1] !== options.region) return invalid(`The provided model ARN is not valid: ${String(arn)}`);
    const count = configuration.bedrockRerankingConfiguration?.numberOfResults;
    const ranked = rankFakeDocuments(query.textQuery.text, texts);
    const limit = typeof count === 'number' ? count : ranked.length;
    return sendJson(response, 200, { results: ranked.slice(0, limit).map((item) => ({ index: item.index, relevanceScore: item.score })) }, { 'x-amzn-requestid': awsRequestId() });
  });
}
