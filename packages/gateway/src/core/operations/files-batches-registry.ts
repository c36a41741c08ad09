// The gateway's files and batches: its own ids over the provider's, the deployment holding
// each, and who made it. Only the key that made one, its team and admins see it; anyone
// else is told it does not exist (404, not 403), so ids cannot be probed.

import { randomBytes } from 'node:crypto';
import { BadRequestError, NotFoundError } from 'llmux';
import type { Identity } from '../../governance/identity.js';
import { canReadAll, isAdmin } from '../../governance/permissions.js';
import { throwStoreError } from '../../store/throw-store-error.js';
import type { FileBatchRow, Store } from '../../store/store.js';

export type FileBatchKind = FileBatchRow['kind'];

/** Where a new object lives: the routed call's model group and deployment. */
export interface Placement {
  modelGroup: string;
  deploymentId: string;
}

const MAX_LIST = 10_000;

function ownerOf(caller: Identity | undefined): Pick<FileBatchRow, 'api_key' | 'user_id' | 'team_id'> {
  const key = caller?.key;
  return { api_key: key?.token ?? '', user_id: key?.user_id ?? caller?.user?.user_id ?? null, team_id: key?.team_id ?? null };
}

function mayUseFileBatch(caller: Identity | undefined, row: FileBatchRow, action: 'read' | 'write'): boolean {
  // No master key configured: nothing is authenticated, everything is everyone's.
  if (caller === undefined) return true;
  if (action === 'read' ? canReadAll(caller) : isAdmin(caller)) return true;
  const owner = ownerOf(caller);
  if (caller.kind === 'key' && owner.api_key === row.api_key) return true;
  return owner.team_id !== null && owner.team_id === row.team_id;
}

export class FilesBatchesRegistry {
  constructor(private readonly store: Store) {}

  /** The row, if it exists and the caller may use it; else OpenAI's 404. */
  async find(kind: FileBatchKind, id: string, caller: Identity | undefined, action: 'read' | 'write'): Promise<FileBatchRow> {
    const row = await this.store.getFileBatch(id).catch(throwStoreError);
    if (row === undefined || row.kind !== kind || !mayUseFileBatch(caller, row, action)) {
      throw new NotFoundError(kind === 'file' ? `No such File object: ${id}` : `No batch found with id '${id}'.`, {
        code: 'not_found',
        param: kind === 'file' ? 'file_id' : 'batch_id',
      });
    }
    return row;
  }

  /** Keeps a new upstream object under a new gateway id; answers the object with that id. */
  async add(
    kind: FileBatchKind,
    upstream: Record<string, unknown> & { id: string },
    placement: Placement,
    caller: Identity | undefined,
    shown: Record<string, unknown> = {},
  ): Promise<FileBatchRow> {
    const id = newId(kind);
    const row: FileBatchRow = {
      id,
      kind,
      upstream_id: upstream.id,
      model_group: placement.modelGroup,
      deployment_id: placement.deploymentId,
      ...ownerOf(caller),
      object: { ...upstream, ...shown, id },
      billed: false,
      created_at: new Date(),
    };
    await this.store.insertFileBatch(row).catch(throwStoreError);
    return row;
  }

  /** The gateway id of a file the provider made for `owner`'s batch (its output or errors), added on first sight. */
  async fileIdFor(upstreamId: unknown, owner: FileBatchRow): Promise<unknown> {
    if (typeof upstreamId !== 'string' || upstreamId === '') return upstreamId ?? null;
    const known = await this.store.findFileBatchByUpstream(owner.deployment_id, upstreamId).catch(throwStoreError);
    if (known !== undefined) return known.id;
    const id = newId('file');
    await this.store
      .insertFileBatch({ ...owner, id, kind: 'file', upstream_id: upstreamId, object: { id, object: 'file', purpose: 'batch_output' }, billed: false, created_at: new Date() })
      .catch(throwStoreError);
    return id;
  }

  update(row: FileBatchRow, object: Record<string, unknown>): Promise<void> {
    return this.store.updateFileBatchObject(row.id, object).catch(throwStoreError);
  }

  markBilled(row: FileBatchRow): Promise<boolean> {
    return this.store.markFileBilled(row.id).catch(throwStoreError);
  }

  async remove(row: FileBatchRow): Promise<void> {
    await this.store.deleteFileBatch(row.id).catch(throwStoreError);
  }

  /**
   * One page of the caller's objects, newest first (admins and readers see all): at most
   * `limit`, starting past `after` (an id the caller can see, else a 400), and whether more follow.
   */
  async list(kind: FileBatchKind, caller: Identity | undefined, page: { limit: number; after?: string | undefined }): Promise<ListPage> {
    const limit = Math.min(Math.max(1, page.limit), MAX_LIST);
    let after: { created_at: Date; id: string } | undefined;
    if (page.after !== undefined) {
      const row = await this.find(kind, page.after, caller, 'read').catch((error: unknown) => {
        if (error instanceof NotFoundError) throw new BadRequestError(`Invalid 'after': no ${kind} '${page.after}' to list after.`, { code: 'invalid_value', param: 'after' });
        throw error;
      });
      after = { created_at: row.created_at, id: row.id };
    }
    const all = caller === undefined || canReadAll(caller);
    const owner = ownerOf(caller);
    // One row past the page tells whether there is a next one.
    const filter = { kind, limit: limit + 1, ...(after === undefined ? {} : { after }) };
    const scoped = all ? filter : { ...filter, api_key: owner.api_key, ...(owner.team_id === null ? {} : { team_id: owner.team_id }) };
    const rows = (await this.store.listFilesBatches(scoped).catch(throwStoreError)).filter((row) => mayUseFileBatch(caller, row, 'read'));
    return { data: rows.slice(0, limit).map((row) => row.object), hasMore: rows.length > limit };
  }
}

interface ListPage {
  data: Array<Record<string, unknown>>;
  hasMore: boolean;
}

function newId(kind: FileBatchKind): string {
  const random = randomBytes(16).toString('hex');
  return kind === 'file' ? `file-${random}` : `batch_${random}`;
}
