// Reads a 2xx JSON body from an AWS runtime service and validates it against a lenient
// schema; AWS reports errors only through the status, so no payload check applies.

import type { z } from 'zod';
import { parseJsonBody } from '../parse-json-body.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import type { AwsCall } from './send-aws-request.js';

export function parseAwsBody<Schema extends z.ZodType>(call: AwsCall, schema: Schema, context: ProviderCallContext, what: string): Promise<z.output<Schema>> {
  return parseJsonBody(call.response, schema, context, what);
}
