// The Gemini media fake reached as Vertex AI, for the images, image-edit and audio tests: a
// fake Google token server, a throwaway service account's key file, the fake accepting the
// tokens issued to it, and the litellm_params (us-central1) a Vertex deployment on it takes.

import { startFakeGeminiMediaUpstream, startFakeGoogleTokenServer, type FakeGeminiMediaOptions, type FakeGoogleTokenServer, type FakeServer } from '@llmux/fake-upstreams';
import { writeServiceAccountFile } from './service-account-file.js';

export interface FakeVertexMedia {
  tokens: FakeGoogleTokenServer;
  server: FakeServer;
  /** api_base, vertex_project, vertex_location and vertex_credentials for a deployment on the fake. */
  params: Record<string, string>;
  /** Closes the fake and the token server and removes the key file. */
  close(): Promise<void>;
}

export async function startFakeVertexMedia(project: string, options: Omit<FakeGeminiMediaOptions, 'tokens'> = {}): Promise<FakeVertexMedia> {
  const tokens = await startFakeGoogleTokenServer();
  const account = tokens.createServiceAccount({ projectId: project });
  const server = await startFakeGeminiMediaUpstream({ ...options, tokens: tokens.issued });
  const keyFile = await writeServiceAccountFile(account.keyFile);
  return {
    tokens,
    server,
    params: { api_base: server.url, vertex_project: project, vertex_location: 'us-central1', vertex_credentials: keyFile.path },
    close: async () => {
      await server.close();
      await tokens.close();
      await keyFile.close();
    },
  };
}
