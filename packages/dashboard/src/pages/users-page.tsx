// Users with their roles, budgets and spend, from `/user/list`.

import { listUsers } from '../api/management-api.js';
import { BudgetBar } from '../components/budget-bar.js';
import { EmptyState } from '../components/empty-state.js';
import { LoadView } from '../components/load-view.js';
import { PageHeader } from '../components/page-header.js';
import { formatList } from '../format/format-values.js';
import { useSignedIn } from '../session/api-context.js';
import { useApiData } from '../session/use-api-data.js';

export function UsersPage() {
  const { client } = useSignedIn();
  const [state, reload] = useApiData(() => listUsers(client), [client]);
  return (
    <>
      <PageHeader title="Users" description="Internal users, their roles, teams and spend." />
      <LoadView state={state} onRetry={reload}>
        {(users) =>
          users.length === 0 ? (
            <EmptyState>No users yet. Create one with POST /user/new.</EmptyState>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>User</th>
                  <th>Role</th>
                  <th>Teams</th>
                  <th>Models</th>
                  <th>Spend / budget</th>
                </tr>
              </thead>
              <tbody>
                {users.map((user) => (
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
                ))}
              </tbody>
            </table>
          )
        }
      </LoadView>
    </>
  );
}
