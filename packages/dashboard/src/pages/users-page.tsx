// Users with their roles, budgets and spend, from `/user/list`.

import { listUsers } from '../api/management-api.js';
import { BudgetBar } from '../components/budget-bar.js';
import { LoadedTable } from '../components/loaded-table.js';
import { PageHeader } from '../components/page-header.js';
import { formatList } from '../format/format-values.js';
import { useSignedIn } from '../session/api-context.js';
import { useApiData } from '../session/use-api-data.js';

const USER_COLUMNS = ['User', 'Role', 'Teams', 'Models', 'Spend / budget'];

export function UsersPage() {
  const { client } = useSignedIn();
  const [state, reload] = useApiData(() => listUsers(client), [client]);
  return (
    <>
      <PageHeader title="Users" description="Internal users, their roles, teams and spend." />
      <LoadedTable state={state} onRetry={reload} columns={USER_COLUMNS} empty="No users yet. Create one with POST /user/new.">
        {(user) => (
          <tr key={user.userId}>
            <td>
              {user.userId}
              {user.email !== null && <div className="muted">{user.email}</div>}
            </td>
            <td>{user.role ?? '—'}</td>
            <td>{formatList(user.teams, 'none')}</td>
            <td>{formatList(user.models)}</td>
            <td>
              <BudgetBar spend={user.spend} maxBudget={user.maxBudget} />
            </td>
          </tr>
        )}
      </LoadedTable>
    </>
  );
}
