// POST /model/update ({model_info: {id}, ...}) and PATCH /model/{model_id}/update: change a
// deployment added through /model/new. As in LiteLLM, the given litellm_params and
// model_info are merged into the stored ones (a field not given keeps its value); the
// change takes effect on this instance at once. Deployments from the config file are
// changed there, so they are "not found" here.

import { BadRequestError, NotFoundError } from 'llmux';
import { z } from 'zod';
import { redactSecrets } from '../audit/redact-secrets.js';
import type { Identity } from '../governance/identity.js';
import type { RequestContext } from '../http/request-context.js';
import type { Route } from '../http/route.js';
import type { ManagementDeps } from './management-deps.js';
import { readAdminBody, replyJson } from './management-request.js';

const modelUpdateSchema = z.looseObject({
  model_name: z.string().min(1).optional(),
  litellm_params: z.record(z.string(), z.unknown()).optional(),
  model_info: z.record(z.string(), z.unknown()).optional(),
});

type ModelUpdateBody = z.output<typeof modelUpdateSchema>;

export function createModelUpdateRoutes(deps: ManagementDeps): Route[] {
  const update = async (context: RequestContext, caller: Identity, id: string, body: ModelUpdateBody): Promise<void> => {
    const { store, router, audit } = deps;
    const stored = (await store.listModels()).find((model) => model.model_id === id);
    if (stored === undefined)
      throw new NotFoundError(`No model added through the API has id ${id} (models from the config file are changed there).`, { code: 'model_not_found', param: 'model_info.id' });
    const litellmParams = { ...stored.litellm_params, ...body.litellm_params };
    if (typeof litellmParams['model'] !== 'string' || litellmParams['model'] === '')
      throw new BadRequestError('litellm_params.model must be a non-empty string.', { code: 'invalid_value', param: 'litellm_params.model' });
    const changed = { model_id: id, model_name: body.model_name ?? stored.model_name, litellm_params: litellmParams, model_info: { ...stored.model_info, ...body.model_info, id } };
    if (!(await store.updateModel(changed))) throw new NotFoundError(`No model added through the API has id ${id}.`, { code: 'model_not_found', param: 'model_info.id' });
    router.removeDeployment(id);
    router.addDeployment({
      model_name: changed.model_name,
      litellm_params: { ...litellmParams, model: litellmParams['model'] },
      model_info: { ...changed.model_info, db_model: true },
    });
    await audit.record({
      caller,
      action: 'updated',
      table: 'models',
      objectId: id,
      before: { model_name: stored.model_name, litellm_params: stored.litellm_params },
      after: { model_name: changed.model_name, litellm_params: litellmParams },
    });
    replyJson(context, { model_id: id, model_name: changed.model_name, litellm_params: redactSecrets(litellmParams), model_info: { ...changed.model_info, db_model: true } });
  };
  return [
    {
      method: 'POST',
      paths: ['/model/update'],
      async handle(context) {
        const { caller, body } = await readAdminBody(context, modelUpdateSchema, 'update models');
        const id = body.model_info?.['id'];
        if (typeof id !== 'string' || id === '')
          throw new BadRequestError('Name the model to update in model_info.id.', { code: 'missing_required_parameter', param: 'model_info.id' });
        await update(context, caller, id, body);
      },
    },
    {
      method: 'PATCH',
      paths: ['/model/{model_id}/update'],
      async handle(context) {
        const { caller, body } = await readAdminBody(context, modelUpdateSchema, 'update models');
        await update(context, caller, context.params?.['model_id'] ?? '', body);
      },
    },
  ];
}
