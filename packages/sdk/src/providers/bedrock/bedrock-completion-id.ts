// Converse and InvokeModel replies (but Claude's) carry no response id; AWS's request id
// (`x-amzn-requestid`) names the call just as well.

import { randomUUID } from 'node:crypto';
import { headerValue } from '../../http/read-body.js';
import type { AwsCall } from '../aws/send-aws-request.js';

export function bedrockCompletionId(call: AwsCall): string {
  return `chatcmpl-${headerValue(call.response.headers, 'x-amzn-requestid') ?? randomUUID()}`;
}
