// /model/new, /model/info (also /v1/model/info), /model/delete: deployments kept in the
// database, served beside the config's model_list. Upstream credentials never leave.

import { randomUUID } from 'node:crypto';
import { isDeploymentPriced, NotFoundError, type Router } from 'llmux';
import { z } from 'zod';
import { redactSecrets } from '../audit/redact-secrets.js';
import { ConflictError } from '../http/conflict-error.js';
import type { Route } from '../http/route.js';
import type { Store } from '../store/store.js';
import { allowedModelGroups } from '../governance/model-access.js';
import type { ManagementDeps } from './management-deps.js';
import { callerOf, queryOf, readAdminBody, replyJson } from './management-request.js';

const modelNewSchema = z.looseObject({
  model_name: z.string().min(1),
  litellm_params: z.looseObject({ model: z.string().min(1) }),
  model_info: z.record(z.string(), z.unknown()).optional(),
});
const modelDeleteSchema = z.looseObject({ id: z.string().min(1) });

/** Adds the stored deployments to the router (on start). */
export async function loadStoredModels(store: Store, router: Router): Promise<void> {
  for (const model of await store.listModels()) {
    router.addDeployment({
      model_name: model.model_name,
      litellm_params: { ...model.litellm_params, model: String(model.litellm_params['model']) },
      model_info: { ...model.model_info, id: model.model_id, db_model: true },
    });
  }
}

function hasDeployment(router: Router, id: string): boolean {
  return router.modelNames().some((group) => router.deployments(group).some((deployment) => deployment.id === id));
}

function modelIdTaken(id: string): ConflictError {
  return new ConflictError(`A model with id ${id} already exists; delete it first or choose another model_info.id.`, { code: 'model_id_exists', param: 'model_info.id' });
}

export function createModelRoutes(deps: ManagementDeps): Route[] {
  const { store, router, audit } = deps;
  return [
    {
      method: 'POST',
      paths: ['/model/new'],
      async handle(context) {
        const { caller, body } = await readAdminBody(context, modelNewSchema, 'add models');
        const configuredId = body.model_info?.['id'];
        const modelId = typeof configuredId === 'string' && configuredId !== '' ? configuredId : randomUUID();
        const modelInfo = { ...body.model_info, id: modelId };
        if (hasDeployment(router, modelId)) throw modelIdTaken(modelId);
        try {
          await store.insertModel({
            model_id: modelId,
            model_name: body.model_name,
            litellm_params: body.litellm_params,
            model_info: modelInfo,
            created_by: caller.key?.token ?? 'master_key',
            created_at: new Date(),
          });
        } catch (error) {
          // Another instance added the same id since this one started: the primary key says so.
          if ((await store.listModels()).some((model) => model.model_id === modelId)) throw modelIdTaken(modelId);
          throw error;
        }
        router.addDeployment({ model_name: body.model_name, litellm_params: body.litellm_params, model_info: { ...modelInfo, db_model: true } });
        await audit.record({ caller, action: 'created', table: 'models', objectId: modelId, after: body });
        replyJson(context, { model_id: modelId, model_name: body.model_name, litellm_params: redactSecrets(body.litellm_params), model_info: { ...modelInfo, db_model: true } });
      },
    },
    {
      method: 'POST',
      paths: ['/model/delete'],
      async handle(context) {
        const { caller, body } = await readAdminBody(context, modelDeleteSchema, 'delete models');
        const stored = (await store.listModels()).find((model) => model.model_id === body.id);
        if (stored === undefined || !(await store.deleteModel(body.id))) {
          throw new NotFoundError(`No model added through the API has id ${body.id} (models from the config file are changed there).`, { code: 'model_not_found', param: 'id' });
        }
        await audit.record({ caller, action: 'deleted', table: 'models', objectId: body.id, before: stored });
        // Stops serving here at once; other gateway instances drop it when they next start.
        router.removeDeployment(body.id);
        replyJson(context, { message: `Model ${body.id} deleted.`, id: body.id });
      },
    },
    {
      method: 'GET',
      paths: ['/model/info', '/v1/model/info'],
      async handle(context) {
        const caller = callerOf(context);
        const only = queryOf(context).get('litellm_model_id');
        const allowed = allowedModelGroups(caller, router);
        const data = [];
        for (const group of router.modelNames()) {
          if (allowed !== undefined && !allowed.has(group)) continue;
          for (const deployment of router.deployments(group)) {
            if (only !== null && deployment.id !== only) continue;
            // `unpriced` is llmux's: its calls would be recorded at $0 (see litellm_settings.reject_unpriced).
            const unpriced = isDeploymentPriced(deployment) === false ? { unpriced: true } : {};
            data.push({
              model_name: group,
              litellm_params: redactSecrets(deployment.litellm_params),
              model_info: { db_model: false, ...deployment.model_info, ...unpriced, id: deployment.id },
            });
          }
        }
        replyJson(context, { data });
      },
    },
  ];
}
