// /tag/new, /tag/update, /tag/info, /tag/list, /tag/delete (LiteLLM's tag management) and
// the tag spend reports /spend/tags and /global/spend/tags. A tag's budget is a budget row
// (budget_id); calls carrying a tag over its budget are refused like any other budget.
// Proxy admins write tags; admins and admin viewers read them and their spend.

import { NotFoundError, BadRequestError } from 'llmux';
import { z } from 'zod';
import type { Identity } from '../governance/identity.js';
import { requireReadAll } from '../governance/permissions.js';
import type { Route } from '../http/route.js';
import type { Store, TagRecord } from '../store/store.js';
import { actorOf, budgetFields, renderBudget, resolveEntityBudget } from './budget-rows.js';
import type { ManagementDeps } from './management-deps.js';
import { callerOf, queryOf, readAdminBody, readManagementBody, replyJson } from './management-request.js';
import { parseDateRange } from './parse-date-query.js';

const tagFields = {
  ...budgetFields,
  description: z.string().nullable().optional(),
  models: z.array(z.string()).nullable().optional(),
  budget_id: z.string().min(1).nullable().optional(),
};
const tagWriteSchema = z.looseObject({ ...tagFields, name: z.string().min(1) });
const tagInfoSchema = z.looseObject({ names: z.array(z.string().min(1)).min(1) });
const tagDeleteSchema = z.looseObject({ name: z.string().min(1) });

const DYNAMIC_TAG_DESCRIPTION = 'A tag seen on requests only (metadata.tags); it has no budget and controls no models.';

export interface TagRoutesOptions {
  /** Drops a changed tag's cached budget, so calls see the change at once. */
  onTagChanged?: (tagName: string) => void;
}

export function createTagRoutes(deps: ManagementDeps, options: TagRoutesOptions = {}): Route[] {
  const { store, audit } = deps;
  const now = deps.now ?? (() => new Date());
  const write = async (caller: Identity, body: z.output<typeof tagWriteSchema>, current: TagRecord | undefined): Promise<TagRecord> => {
    const at = now();
    const tag: TagRecord = {
      tag_name: body.name,
      description: body.description === undefined ? (current?.description ?? null) : body.description,
      models: body.models === undefined ? (current?.models ?? []) : (body.models ?? []),
      budget_id: await resolveEntityBudget(store, body, current?.budget_id ?? null, caller, at),
      created_by: current?.created_by ?? actorOf(caller),
      created_at: current?.created_at ?? at,
      updated_at: at,
    };
    await store.upsertTag(tag);
    options.onTagChanged?.(tag.tag_name);
    await audit.record({
      caller,
      action: current === undefined ? 'created' : 'updated',
      table: 'tags',
      objectId: tag.tag_name,
      ...(current === undefined ? {} : { before: renderTag(current) }),
      after: renderTag(tag),
    });
    return tag;
  };
  return [
    {
      method: 'POST',
      paths: ['/tag/new'],
      async handle(context) {
        const { caller, body } = await readAdminBody(context, tagWriteSchema, 'create tags');
        if ((await store.getTag(body.name)) !== undefined) throw new BadRequestError(`Tag ${body.name} already exists`, { code: 'tag_exists', param: 'name' });
        const tag = await write(caller, body, undefined);
        replyJson(context, { message: `Tag ${tag.tag_name} created successfully`, tag: renderTag(tag) });
      },
    },
    {
      method: 'POST',
      paths: ['/tag/update'],
      async handle(context) {
        const { caller, body } = await readAdminBody(context, tagWriteSchema, 'change tags');
        const tag = await write(caller, body, await loadTag(store, body.name));
        replyJson(context, { message: `Tag ${tag.tag_name} updated successfully`, tag: renderTag(tag) });
      },
    },
    {
      method: 'POST',
      paths: ['/tag/info'],
      async handle(context) {
        requireReadAll(callerOf(context), 'read tags');
        const body = await readManagementBody(context, tagInfoSchema);
        const tags = await Promise.all(body.names.map((name) => store.getTag(name)));
        const missing = body.names.filter((_, index) => tags[index] === undefined);
        if (missing.length > 0) throw new NotFoundError(`Tags not found: ${missing.join(', ')}`, { code: 'tag_not_found', param: 'names' });
        const found = tags.filter((tag): tag is TagRecord => tag !== undefined);
        const rendered = await renderTagsWithBudgets(store, found);
        replyJson(context, Object.fromEntries(rendered.map((tag) => [tag['name'], tag])));
      },
    },
    {
      method: 'GET',
      paths: ['/tag/list'],
      async handle(context) {
        requireReadAll(callerOf(context), 'list tags');
        const stored = await renderTagsWithBudgets(store, await store.listTags());
        const names = new Set(stored.map((tag) => tag['name']));
        // Tags only ever sent on requests are listed too, as LiteLLM lists its "dynamic" tags.
        const seen = (await store.tagSpend(parseDateRange(queryOf(context)))).filter((row) => !names.has(row.tag));
        replyJson(context, [...stored, ...seen.map((row) => ({ name: row.tag, description: DYNAMIC_TAG_DESCRIPTION, models: null, spend: row.spend }))]);
      },
    },
    {
      method: 'POST',
      paths: ['/tag/delete'],
      async handle(context) {
        const { caller, body } = await readAdminBody(context, tagDeleteSchema, 'delete tags');
        const current = await loadTag(store, body.name);
        await store.deleteTag(body.name);
        options.onTagChanged?.(body.name);
        await audit.record({ caller, action: 'deleted', table: 'tags', objectId: body.name, before: renderTag(current) });
        replyJson(context, { message: `Tag ${body.name} deleted successfully` });
      },
    },
    {
      method: 'GET',
      paths: ['/spend/tags'],
      async handle(context) {
        requireReadAll(callerOf(context), 'read spend by tag');
        const rows = await store.tagSpend(parseDateRange(queryOf(context)));
        replyJson(
          context,
          rows.map((row) => ({ individual_request_tag: row.tag, log_count: row.requests, total_spend: row.spend })),
        );
      },
    },
    {
      method: 'GET',
      paths: ['/global/spend/tags'],
      async handle(context) {
        requireReadAll(callerOf(context), 'read spend by tag');
        const query = queryOf(context);
        const only = query.get('tags');
        const wanted = only === null || only === '' ? undefined : new Set(only.split(',').map((tag) => tag.trim()));
        const rows = (await store.tagSpend(parseDateRange(query))).filter((row) => wanted === undefined || wanted.has(row.tag));
        replyJson(context, { spend_per_tag: rows.map((row) => ({ name: row.tag, spend: row.spend, log_count: row.requests })) });
      },
    },
  ];
}

async function loadTag(store: Store, name: string): Promise<TagRecord> {
  const tag = await store.getTag(name);
  if (tag === undefined) throw new NotFoundError(`Tag ${name} not found`, { code: 'tag_not_found', param: 'name' });
  return tag;
}

/** LiteLLM's TagConfig shape. */
function renderTag(tag: TagRecord): Record<string, unknown> {
  return {
    name: tag.tag_name,
    description: tag.description,
    models: tag.models,
    model_info: {},
    budget_id: tag.budget_id,
    created_at: tag.created_at.toISOString(),
    updated_at: tag.updated_at.toISOString(),
    created_by: tag.created_by,
  };
}

/** Each tag with its budget row (`litellm_budget_table`) and its running spend. */
async function renderTagsWithBudgets(store: Store, tags: readonly TagRecord[]): Promise<Array<Record<string, unknown>>> {
  const spend = await store.getEntitySpend(
    'tag',
    tags.map((tag) => tag.tag_name),
  );
  return Promise.all(
    tags.map(async (tag) => {
      const budget = tag.budget_id === null ? undefined : await store.getBudget(tag.budget_id);
      return { ...renderTag(tag), spend: spend[tag.tag_name] ?? 0, ...(budget === undefined ? {} : { litellm_budget_table: renderBudget(budget) }) };
    }),
  );
}
