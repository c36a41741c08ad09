// Rerank through Bedrock Agent Runtime's `Rerank` API (`POST /rerank`, SigV4 as `bedrock`):
// the query and documents inline, the model named by its foundation-model ARN in the
// deployment's region. Bedrock bills per query of up to 100 documents, as search units.

import { randomUUID } from 'node:crypto';
import type { RerankRequest, RerankResponse, RerankResponseResult } from '../../spec/index.js';
import type { AwsServiceConfig } from '../aws/aws-service.js';
import { parseAwsBody } from '../aws/parse-aws-body.js';
import { requireAwsRegion } from '../aws/resolve-aws-auth.js';
import { sendAwsRequest } from '../aws/send-aws-request.js';
import { toDocumentText } from '../cohere/convert-to-cohere-rerank-request.js';
import { searchUnits } from '../../cost/rerank-cost.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { bedrockRerankResponseSchema } from './bedrock-rerank-api.js';
import { BEDROCK_ERRORS } from './bedrock-error.js';

const BEDROCK_AGENT_RUNTIME_SERVICE: AwsServiceConfig = {
  signingName: 'bedrock',
  defaultEndpoint: (region) => `https://bedrock-agent-runtime.${region}.amazonaws.com`,
  endpointSettings: [],
  endpointEnv: ['AWS_BEDROCK_AGENT_RUNTIME_ENDPOINT'],
  bearerTokenEnv: 'AWS_BEARER_TOKEN_BEDROCK',
  errors: BEDROCK_ERRORS,
};

export async function rerankWithBedrock(request: RerankRequest, context: ProviderCallContext): Promise<RerankResponse> {
  const region = requireAwsRegion(context);
  const modelArn = context.model.startsWith('arn:') ? context.model : `arn:aws:bedrock:${region}::foundation-model/${context.model}`;
  const texts = request.documents.map(toDocumentText);
  const body = {
    queries: [{ type: 'TEXT', textQuery: { text: request.query } }],
    sources: texts.map((text) => ({ type: 'INLINE', inlineDocumentSource: { type: 'TEXT', textDocument: { text } } })),
    rerankingConfiguration: {
      type: 'BEDROCK_RERANKING_MODEL',
      bedrockRerankingConfiguration: { numberOfResults: request.top_n ?? texts.length, modelConfiguration: { modelArn } },
    },
  };
  const call = await sendAwsRequest(BEDROCK_AGENT_RUNTIME_SERVICE, { path: '/rerank', body: JSON.stringify(body) }, context);
  const reply = await parseAwsBody(call, bedrockRerankResponseSchema, context, 'a Rerank result');
  const results: RerankResponseResult[] = reply.results.map((result) => {
    const text = request.return_documents === true ? texts[result.index] : undefined;
    return text === undefined
      ? { index: result.index, relevance_score: result.relevanceScore }
      : { index: result.index, relevance_score: result.relevanceScore, document: { text } };
  });
  return { id: randomUUID(), results, meta: { billed_units: { search_units: searchUnits(undefined, texts.length) } } };
}
