// Vertex AI's checks before a prediction call is served, in the order it makes them: a POST
// to a known route (404), a bearer token from the accepted list (401), the configured project
// (403 naming the resource). The chat fakes for Gemini/Claude and for partner models share it.

import type { ServerResponse } from 'node:http';
import { googleErrorBody, unauthenticatedBody } from './fake-google-error.js';
import { sendJson, type RecordedRequest } from './start-fake-server.js';

export interface VertexAccess {
  /** Access tokens accepted; read at each request, so a live list may grow. */
  tokens: readonly string[];
  /** When set, the project in the path must be this one. */
  project?: string;
}

/**
 * The route's match (group 2 the project, group 3 the location), or undefined once the
 * refusal is sent. `resource` names what follows `locations/{l}/` in the 403's resource.
 */
export function admitVertexCall(
  request: RecordedRequest,
  response: ServerResponse,
  route: RegExp,
  access: VertexAccess,
  resource: (match: RegExpExecArray) => string,
): RegExpExecArray | undefined {
  const path = new URL(request.url, 'http://fake').pathname;
  const match = route.exec(path);
  if (request.method !== 'POST' || match === null) {
    sendJson(response, 404, googleErrorBody(404, 'NOT_FOUND', `The requested URL ${path} was not found on this server.`));
    return undefined;
  }
  const authorization = request.headers.authorization ?? '';
  if (!authorization.startsWith('Bearer ') || !access.tokens.includes(authorization.slice('Bearer '.length))) {
    sendJson(response, 401, unauthenticatedBody());
    return undefined;
  }
  const [, , project = '', location = ''] = match;
  if (access.project !== undefined && project !== access.project) {
    const name = `//aiplatform.googleapis.com/projects/${project}/locations/${location}/${resource(match)}`;
    sendJson(response, 403, googleErrorBody(403, 'PERMISSION_DENIED', `Permission 'aiplatform.endpoints.predict' denied on resource '${name}' (or it may not exist).`));
    return undefined;
  }
  return match;
}
