// GET /guardrails/list and POST /guardrails/apply_guardrail, in LiteLLM's shapes: the list
// shows each guardrail's name, params (without credentials) and guardrail_info; apply runs
// one guardrail on a text and answers `{response_text}` (masked if it masks), or the block
// as a 400 naming the guardrail and why.

import { NotFoundError } from 'llmux';
import { z } from 'zod';
import type { Route } from '../http/route.js';
import { readManagementBody, replyJson } from '../management/management-request.js';
import { GuardrailCall } from './guardrail-call.js';
import type { Guardrail } from './guardrail.js';
import { runGuardrail } from './run-guardrail.js';

const applySchema = z.looseObject({
  guardrail_name: z.string().min(1),
  text: z.string(),
  language: z.string().optional(),
  entities: z.array(z.string()).optional(),
});

export function createGuardrailRoutes(all: ReadonlyMap<string, Guardrail>): Route[] {
  return [
    {
      method: 'GET',
      paths: ['/guardrails/list', '/v2/guardrails/list'],
      handle(context) {
        const guardrails = [...all.values()].map((guardrail) => ({ guardrail_name: guardrail.name, ...guardrail.listed }));
        replyJson(context, { guardrails });
      },
    },
    {
      method: 'POST',
      paths: ['/guardrails/apply_guardrail'],
      async handle(context) {
        const body = await readManagementBody(context, applySchema);
        const guardrail = all.get(body.guardrail_name);
        if (guardrail === undefined) throw new NotFoundError(`Unknown guardrail "${body.guardrail_name}"`, { param: 'guardrail_name', code: 'unknown_guardrail' });
        const call = new GuardrailCall([{ guardrail, extraBody: {}, modes: guardrail.modes }]);
        const mode = guardrail.modes.has('pre_call') ? 'pre_call' : ([...guardrail.modes][0] ?? 'pre_call');
        const masked = call.apply(guardrail, mode, await runGuardrail(guardrail, { texts: [body.text], inputType: 'request' }));
        replyJson(context, { response_text: masked?.[0] ?? body.text });
      },
    },
  ];
}
