// One governed call of /v1/files or /v1/batches: named in spend rows by LiteLLM's call_type,
// the model group's access checked, admitted against rate limits and budgets, routed by the
// Router (to the deployment holding the file or batch, when there is one) and settled on
// every exit path, as an operation's hooks do for calls whose body names the model.

import type { Router, RouterTarget, RoutableResult, Routed } from 'llmux';
import { NotFoundError } from 'llmux';
import { checkModelAccess } from '../../governance/model-access.js';
import { clientGone } from '../../http/client-gone.js';
import type { OperationNames, RequestContext } from '../../http/request-context.js';
import { recordError } from '../../http/send-error.js';
import type { CallAccounting, CallTicket } from '../../spend/call-accounting.js';
import type { FileBatchRow, Store } from '../../store/store.js';
import { recordRoutedCall, recordUsage } from '../record-routed-call.js';

export interface FilesBatchesDependencies {
  router: Router;
  store: Store;
  bodyLimitBytes: number;
  accounting?: CallAccounting | undefined;
}

export interface FilesBatchesCall<T extends RoutableResult> {
  names: OperationNames;
  model: string;
  /** The deployment holding the file or batch; absent for an upload, which the Router picks. */
  deploymentId?: string | undefined;
  args: Record<string, unknown>;
  attempt: (target: RouterTarget, rest: object) => Promise<T>;
}

/** A call to the deployment holding `row` (a file or batch), about it: `args` default to its upstream id. */
export function callOn<T extends RoutableResult>(
  row: FileBatchRow,
  names: OperationNames,
  attempt: FilesBatchesCall<T>['attempt'],
  args: Record<string, unknown> = { [row.kind === 'file' ? 'file_id' : 'batch_id']: row.upstream_id },
): FilesBatchesCall<T> {
  return { names, model: row.model_group, deploymentId: row.deployment_id, args, attempt };
}

/** Runs the call; `settle` reads the result (and may record usage) before the spend row is written. */
export async function runFilesBatchesCall<T extends RoutableResult & { llmux: { cost: number | null } }, Out>(
  context: RequestContext,
  dependencies: FilesBatchesDependencies,
  call: FilesBatchesCall<T>,
  settle: (result: Routed<T>) => Promise<Out> | Out,
): Promise<Out> {
  const { router, accounting } = dependencies;
  context.operation = call.names;
  context.call.operation = call.names.name;
  context.call.modelGroup = call.model;
  checkModelAccess(context.identity, call.model, router);
  if (call.deploymentId !== undefined && !router.deployments(call.model).some((deployment) => deployment.id === call.deploymentId)) {
    // The deployment that holds it left the configuration: no other one knows its id.
    throw new NotFoundError(`The deployment of model group '${call.model}' that holds this object is no longer configured.`, { code: 'deployment_not_found' });
  }
  let ticket: CallTicket | undefined;
  if (accounting !== undefined) ticket = await accounting.begin(context, call.model, {});
  let failed = true;
  try {
    const params = { ...call.args, model: call.model, deploymentId: call.deploymentId };
    const result = await router.call<typeof params, T>(params, call.attempt);
    recordRoutedCall(context, result.llmux);
    recordUsage(context, undefined, 0);
    const out = await settle(result);
    failed = false;
    return out;
  } catch (error) {
    if (clientGone(context.response)) context.call.errorClass = 'ClientClosedRequest';
    else recordError(context, error);
    throw error;
  } finally {
    if (ticket !== undefined) accounting?.end(ticket, failed);
  }
}
