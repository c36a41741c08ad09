// The two Google credential files llmux can turn into access tokens: a service account's
// key (`gcloud iam service-accounts keys create`) and an authorized user's refresh token
// (`gcloud auth application-default login`). Lenient schemas of just the fields we use.

import { z } from 'zod';

export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';

const serviceAccountSchema = z.looseObject({
  type: z.literal('service_account'),
  client_email: z.string().min(1),
  private_key: z.string().min(1),
  private_key_id: z.string().nullish(),
  project_id: z.string().nullish(),
  token_uri: z.string().nullish(),
});
export type ServiceAccountCredentials = z.infer<typeof serviceAccountSchema>;

const authorizedUserSchema = z.looseObject({
  type: z.literal('authorized_user'),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  refresh_token: z.string().min(1),
  quota_project_id: z.string().nullish(),
  token_uri: z.string().nullish(),
});
type AuthorizedUserCredentials = z.infer<typeof authorizedUserSchema>;

export type GoogleCredentials = ServiceAccountCredentials | AuthorizedUserCredentials;

export const googleCredentialsSchema = z.discriminatedUnion('type', [serviceAccountSchema, authorizedUserSchema]);

export const googleTokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().nullish(),
  token_type: z.string().nullish(),
});

export const googleTokenErrorSchema = z.looseObject({
  error: z.string(),
  error_description: z.string().nullish(),
});

/** The project a credential belongs to, when the file names one. */
export function credentialsProject(credentials: GoogleCredentials): string | undefined {
  const project = credentials.type === 'service_account' ? credentials.project_id : credentials.quota_project_id;
  return project ?? undefined;
}

/** Values that must never reach an error message or a log line. */
export function credentialSecrets(credentials: GoogleCredentials): string[] {
  return credentials.type === 'service_account' ? [credentials.private_key] : [credentials.client_secret, credentials.refresh_token];
}
