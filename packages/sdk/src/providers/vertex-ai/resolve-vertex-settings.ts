// Which Google Cloud project, region and credentials a Vertex AI call uses, from the call's
// settings (`litellm_params`) first, then the environment. A missing piece is a clear error
// naming the setting and variables that would supply it.

import { AuthenticationError, BadRequestError } from '../../errors/error-classes.js';
import { credentialsProject, loadGoogleCredentials, type GoogleCredentials } from '../google-auth/index.js';
import type { ProviderCallContext } from '../provider-adapter.js';

export interface VertexSettings {
  project: string;
  location: string;
  credentials: GoogleCredentials;
}

const DEFAULT_VERTEX_LOCATION = 'us-central1';

export async function resolveVertexSettings(context: ProviderCallContext): Promise<VertexSettings> {
  const credentials = await loadGoogleCredentials({ ...credentialsSource(context), provider: context.provider, model: context.model });
  const project = setting(context, ['vertex_project', 'vertex_ai_project'], ['VERTEXAI_PROJECT', 'GOOGLE_CLOUD_PROJECT']) ?? credentialsProject(credentials);
  if (project === undefined) {
    throw new BadRequestError(
      `missing Vertex AI project for provider "${context.provider}": pass vertex_project, set VERTEXAI_PROJECT or GOOGLE_CLOUD_PROJECT, or use credentials that name a project_id`,
      { provider: context.provider, model: context.model, param: 'vertex_project', code: 'missing_project' },
    );
  }
  const location = setting(context, ['vertex_location', 'vertex_ai_location'], ['VERTEXAI_LOCATION']) ?? DEFAULT_VERTEX_LOCATION;
  return { project, location, credentials };
}

function credentialsSource(context: ProviderCallContext): { value: unknown; name: string } {
  const configured = context.settings['vertex_credentials'];
  if (configured !== undefined && configured !== null && configured !== '') return { value: configured, name: 'vertex_credentials' };
  const path = process.env['GOOGLE_APPLICATION_CREDENTIALS'];
  if (path !== undefined && path !== '') return { value: path, name: 'GOOGLE_APPLICATION_CREDENTIALS' };
  throw new AuthenticationError(
    `missing Google credentials for provider "${context.provider}": pass vertex_credentials (a service account JSON key, or the path to one) or set GOOGLE_APPLICATION_CREDENTIALS`,
    { provider: context.provider, model: context.model, code: 'missing_credentials' },
  );
}

function setting(context: ProviderCallContext, names: readonly string[], envNames: readonly string[]): string | undefined {
  for (const name of names) {
    const value = context.settings[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  for (const name of envNames) {
    const value = process.env[name];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}
