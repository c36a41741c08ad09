// Azure OpenAI as a row of the generic OpenAI adapter: the wire format is OpenAI's, and only
// the URL and the credential differ, which the endpoint resolver supplies.

import type { OpenAIEndpointResolver, OpenAIProviderConfig } from '../openai/index.js';
import { AZURE_API_KEY_ENV } from './resolve-azure-credential.js';
import { AZURE_API_BASE_ENV } from './resolve-azure-url.js';

export function createAzureProviderConfig(endpoint: OpenAIEndpointResolver): OpenAIProviderConfig {
  return {
    id: 'azure',
    // Read by the endpoint resolver, not by the generic adapter; listed here as documentation.
    apiBase: undefined,
    apiKeyEnv: AZURE_API_KEY_ENV,
    apiBaseEnv: AZURE_API_BASE_ENV,
    apiKey: 'required',
    // Every OpenAI parameter is passed on; one the deployment's model or api-version does not
    // know comes back as Azure's own 400, which names it.
    embeddings: true,
    responses: true,
    // Deployments of instruct models serve the legacy completions path; Azure names neither the
    // model nor the API in the deployment, so a deployment is taken as one when its name says so.
    completions: /instruct/i,
    // Files and batches live at the resource (`/openai/files`, `/openai/batches`), not under a deployment.
    batches: true,
    // Deployments of dall-e/gpt-image, whisper/gpt-4o-transcribe and tts models serve OpenAI's media paths.
    media: ['generateImage', 'editImage', 'transcribe', 'speak'],
    endpoint,
  };
}
