// Teams with their budgets and spend, as `/team/list` reports them for the caller.

import { listTeams } from '../api/management-api.js';
import { BlockedBadge } from '../components/blocked-badge.js';
import { BudgetBar } from '../components/budget-bar.js';
import { LoadedTable } from '../components/loaded-table.js';
import { PageHeader } from '../components/page-header.js';
import { formatCount, formatList } from '../format/format-values.js';
import { useSignedIn } from '../session/api-context.js';
import { useApiData } from '../session/use-api-data.js';

const TEAM_COLUMNS = ['Team', 'Members', 'Models', 'Spend / budget', 'RPM', 'TPM', 'Status'];

export function TeamsPage() {
  const { client } = useSignedIn();
  const [state, reload] = useApiData(() => listTeams(client), [client]);
  return (
    <>
      <PageHeader title="Teams" description="Budgets, limits and spend per team." />
      <LoadedTable state={state} onRetry={reload} columns={TEAM_COLUMNS} empty="No teams yet. Create one with POST /team/new.">
        {(team) => (
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
            <td>
              <BlockedBadge blocked={team.blocked} />
            </td>
          </tr>
        )}
      </LoadedTable>
    </>
  );
}
