// The status a finished request is reported with, in logs, metrics and callbacks alike.

import type { ServerResponse } from 'node:http';

/** nginx's code for "client closed the connection before the reply was complete". */
export const CLIENT_CLOSED = 499;

export function requestStatus(response: ServerResponse): number {
  return response.writableEnded ? response.statusCode : CLIENT_CLOSED;
}
