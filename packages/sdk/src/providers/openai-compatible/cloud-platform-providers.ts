// Cloud data and ML platforms whose model serving speaks OpenAI's chat API, at an address
// that names the customer's own account, workspace or resource. Facts from LiteLLM, as
// `source` names, and the platforms' docs.

import type { OpenAIProviderConfig } from '../openai/openai-provider-config.js';
import { createKeyedRow as row } from './create-keyed-row.js';

export const CLOUD_PLATFORM_PROVIDERS: readonly OpenAIProviderConfig[] = [
  {
    // Azure AI Foundry serverless and model-inference endpoints (`azure/` is Azure OpenAI).
    // They accept the key as a bearer token; `api_version` travels as a query parameter.
    id: 'azure_ai',
    apiBase: undefined,
    apiKeyEnv: ['AZURE_AI_API_KEY'],
    apiBaseEnv: ['AZURE_AI_API_BASE'],
    apiKey: 'required',
    apiVersionQuery: 'api-version',
    embeddings: true,
    source: 'llms/azure_ai/chat/transformation.py',
  },
  {
    // api_base is the workspace's `https://<workspace>/serving-endpoints`.
    id: 'databricks',
    apiBase: undefined,
    apiKeyEnv: ['DATABRICKS_API_KEY'],
    apiBaseEnv: ['DATABRICKS_API_BASE'],
    apiKey: 'required',
    embeddings: true,
    source: 'llms/databricks/chat/transformation.py',
  },
  // Snowflake Cortex's OpenAI-compatible endpoint, with the key-pair JWT LiteLLM reads
  // (SNOWFLAKE_JWT). LiteLLM's SNOWFLAKE_API_BASE names Cortex's older complete URL, so it
  // is not read here: pass api_base to reach another host.
  row('snowflake', 'https://{account_id}.snowflakecomputing.com/api/v2/cortex/v1', ['SNOWFLAKE_JWT'], [], 'llms/snowflake/chat/transformation.py', {
    baseUrlVariables: [{ name: 'account_id', setting: 'snowflake_account_id', env: ['SNOWFLAKE_ACCOUNT_ID'] }],
    fixedHeaders: { 'X-Snowflake-Authorization-Token-Type': 'KEYPAIR_JWT' },
  }),
  // Workers AI's OpenAI-compatible endpoint, under the account (LiteLLM's variables).
  row('cloudflare', 'https://api.cloudflare.com/client/v4/accounts/{account_id}/ai/v1', ['CLOUDFLARE_API_KEY'], ['CLOUDFLARE_API_BASE'], 'llms/cloudflare/chat/transformation.py', {
    baseUrlVariables: [{ name: 'account_id', setting: 'cloudflare_account_id', env: ['CLOUDFLARE_ACCOUNT_ID'] }],
    embeddings: true,
  }),
  // Heroku Managed Inference. LiteLLM's HEROKU_API_BASE omits the `/v1` this base carries,
  // so it is not read: pass api_base (with `/v1`) for another region.
  row('heroku', 'https://us.inference.heroku.com/v1', ['HEROKU_API_KEY'], [], 'llms/heroku/chat/transformation.py'),
];
