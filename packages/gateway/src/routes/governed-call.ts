// What every model route does around its upstream call: read and validate the body, keep
// the allow-listed fields, check model access (before limits: a refused model must not
// consume the caller's quota), admit the call against limits and budgets before any
// upstream call, and settle it on every exit path (reply, error, hang-up, stream end).

import type { z } from 'zod';
import { checkModelAccess } from '../governance/model-access.js';
import { parseJsonBody } from '../http/parse-json-body.js';
import { readBody } from '../http/read-body.js';
import type { RequestContext } from '../http/request-context.js';
import { pickFields } from './pick-fields.js';
import type { RouteDependencies } from './route-dependencies.js';
import { validateBody } from './validate-body.js';

/** A model route's body: its schema, the fields forwarded to the SDK, and a quick check. */
export interface RequestShape {
  schema: z.ZodType;
  fields: readonly string[];
  /** True only for bodies the schema certainly accepts; the schema decides the rest. */
  accepts?: (body: unknown) => boolean;
}

/**
 * Runs `call` with the validated request; `call` resolves true when the call succeeded.
 * The request type is the SDK's; the schema checks the fields the SDK reads.
 */
export async function governedCall<Request extends { model: string }>(
  context: RequestContext,
  { router, bodyLimitBytes, accounting }: RouteDependencies,
  shape: RequestShape,
  call: (request: Request) => Promise<boolean>,
): Promise<void> {
  const parsed = parseJsonBody(await readBody(context.request, bodyLimitBytes));
  if (shape.accepts?.(parsed) !== true) validateBody(shape.schema, parsed);
  // An object now: the schema says so.
  const body = parsed as Record<string, unknown>;
  const request = pickFields(body, shape.fields) as unknown as Request;
  context.log.modelGroup = request.model;
  checkModelAccess(context.identity, request.model, router);
  // Awaited only with Redis counters; in memory the check is synchronous.
  let ticket = accounting?.begin(context, request.model, body);
  if (ticket instanceof Promise) ticket = await ticket;
  let failed = true;
  try {
    failed = !(await call(request));
  } finally {
    if (ticket !== undefined) accounting?.end(ticket, failed);
  }
}
