// Teams with their budgets and spend, as `/team/list` reports them for the caller.

import { listTeams } from '../api/management-api.js';
import { BudgetBar } from '../components/budget-bar.js';
import { EmptyState } from '../components/empty-state.js';
import { LoadView } from '../components/load-view.js';
import { PageHeader } from '../components/page-header.js';
import { formatCount, formatList } from '../format/format-values.js';
import { useSignedIn } from '../session/api-context.js';
import { useApiData } from '../session/use-api-data.js';

export function TeamsPage() {
  const { client } = useSignedIn();
  const [state, reload] = useApiData(() => listTeams(client), [client]);
  return (
    <>
      <PageHeader title="Teams" description="Budgets, limits and spend per team." />
      <LoadView state={state} onRetry={reload}>
        {(teams) =>
          teams.length === 0 ? (
            <EmptyState>No teams yet. Create one with POST /team/new.</EmptyState>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>Team</th>
                  <th>Members</th>
                  <th>Models</th>
                  <th>Spend / budget</th>
                  <th>RPM</th>
                  <th>TPM</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {teams.map((team) => (
                  <tr key={team.teamId}>
                    <td>
                      {team.teamAlias ?? team.teamId}
                      {team.teamAlias !== null && <div className="muted mono">{team.teamId}</div>}
                    </td>
                    <td>{team.members}</td>
                    <td>{formatList(team.models)}</td>
                    <td>
                      <BudgetBar spend={team.spend} maxBudget={team.maxBudget} />
                    </td>
                    <td>{formatCount(team.rpmLimit)}</td>
                    <td>{formatCount(team.tpmLimit)}</td>
                    <td>{team.blocked ? <span className="badge badge-bad">blocked</span> : <span className="badge badge-good">active</span>}</td>
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
