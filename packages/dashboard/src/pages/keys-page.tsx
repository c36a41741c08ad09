// Virtual keys: list, create (the secret shown once), edit, block/unblock and delete.
// Write actions show only to admins; the API enforces the same rule either way.

import { useState } from 'react';
import { deleteKey, generateKey, listKeys, listModels, setKeyBlocked, updateKey } from '../api/management-api.js';
import { canWrite } from '../api/read-session.js';
import type { KeyRow } from '../api/records.js';
import { ErrorPanel } from '../components/error-panel.js';
import { LoadView } from '../components/load-view.js';
import { PageHeader } from '../components/page-header.js';
import { useSignedIn } from '../session/api-context.js';
import { useApiData } from '../session/use-api-data.js';
import { KeyForm } from './key-form.js';
import { formValuesOf } from './key-form-values.js';
import { KeyTable } from './key-table.js';
import { NewKeyNotice } from './new-key-notice.js';

type Editing = { mode: 'none' } | { mode: 'create' } | { mode: 'edit'; key: KeyRow };

export function KeysPage() {
  const { client, session } = useSignedIn();
  const [keys, reload] = useApiData(() => listKeys(client), [client]);
  // Model names only feed the form's suggestions; a caller who may not list them still gets the form.
  const [models] = useApiData(() => listModels(client).catch(() => []), [client]);
  const [editing, setEditing] = useState<Editing>({ mode: 'none' });
  const [secret, setSecret] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const writable = canWrite(session);
  const modelNames = models.status === 'ready' ? [...new Set(models.data.map((model) => model.modelName))] : [];

  const act = (action: Promise<void>): void => {
    setActionError(null);
    action.then(reload, setActionError);
  };

  return (
    <>
      <PageHeader
        title="Keys"
        description="Virtual keys, their budgets, limits and spend."
        actions={
          writable && (
            <button type="button" className="primary" onClick={() => setEditing({ mode: 'create' })}>
              Create key
            </button>
          )
        }
      />
      {secret !== null && <NewKeyNotice secret={secret} onDone={() => setSecret(null)} />}
      {editing.mode === 'create' && (
        <KeyForm
          title="Create a key"
          submitLabel="Create key"
          modelNames={modelNames}
          onCancel={() => setEditing({ mode: 'none' })}
          onSubmit={async (settings) => {
            const created = await generateKey(client, settings);
            setSecret(created.key);
            setEditing({ mode: 'none' });
            reload();
          }}
        />
      )}
      {editing.mode === 'edit' && (
        <KeyForm
          key={editing.key.token}
          title={`Edit ${editing.key.keyAlias ?? editing.key.keyName ?? 'key'}`}
          submitLabel="Save"
          initial={formValuesOf(editing.key)}
          modelNames={modelNames}
          onCancel={() => setEditing({ mode: 'none' })}
          onSubmit={async (settings) => {
            await updateKey(client, editing.key.token, settings);
            setEditing({ mode: 'none' });
            reload();
          }}
        />
      )}
      {actionError !== null && <ErrorPanel error={actionError} />}
      <LoadView state={keys} onRetry={reload}>
        {(rows) => (
          <KeyTable
            keys={rows}
            writable={writable}
            onEdit={(key) => setEditing({ mode: 'edit', key })}
            onBlock={(key, blocked) => act(setKeyBlocked(client, key.token, blocked))}
            onDelete={(key) => {
              if (window.confirm(`Delete ${key.keyAlias ?? key.keyName ?? 'this key'}? Calls with it will fail at once.`)) act(deleteKey(client, key.token));
            }}
          />
        )}
      </LoadView>
    </>
  );
}
