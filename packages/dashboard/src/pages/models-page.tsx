// Deployments from `/model/info` and the gateway's readiness from `/health/readiness`.

import { fetchReadiness, listModels, listSpendLogs } from '../api/management-api.js';
import { LoadedTable } from '../components/loaded-table.js';
import { LoadView } from '../components/load-view.js';
import { PageHeader } from '../components/page-header.js';
import { HealthCells } from '../components/health-cells.js';
import { ReadinessPanel } from '../components/readiness-panel.js';
import { formatCount } from '../format/format-values.js';
import { useSignedIn } from '../session/api-context.js';
import { useApiData } from '../session/use-api-data.js';
import { HEALTH_WINDOW_MS, healthByDeployment, healthFor, type DeploymentHealth } from './deployment-health.js';
import { isoDay } from './request-filters.js';

/** Prices are per token in the API; per million tokens is how people compare them. */
function perMillion(value: number | null): string {
  return value === null ? '—' : `$${(value * 1_000_000).toFixed(2)}`;
}

/** The last two columns are HealthCells'. */
const MODEL_COLUMNS = ['Model group', 'Deployment', 'Provider', 'API base', 'Input / 1M tokens', 'Output / 1M tokens', 'Context', 'Last hour', 'Health'];

export function ModelsPage() {
  const { client } = useSignedIn();
  const [models, reloadModels] = useApiData(() => listModels(client), [client]);
  const [readiness, reloadReadiness] = useApiData(() => fetchReadiness(client), [client]);
  // Health comes from recent traffic; a caller who may not read the log just sees no verdicts.
  const [recent, reloadRecent] = useApiData(async () => {
    const since = Date.now() - HEALTH_WINDOW_MS;
    const rows = await listSpendLogs(client, { start_date: isoDay(since), limit: 10_000 }).catch(() => []);
    return healthByDeployment(rows.filter((row) => (row.startTime ?? 0) >= since));
  }, [client]);
  const health = recent.status === 'ready' ? recent.data : new Map<string, DeploymentHealth>();
  const refresh = (): void => {
    reloadReadiness();
    reloadRecent();
  };
  return (
    <>
      <PageHeader
        title="Models"
        description="Model groups, their deployments and the gateway's health."
        actions={
          <button type="button" onClick={refresh}>
            Refresh health
          </button>
        }
      />
      <LoadView state={readiness} onRetry={reloadReadiness}>
        {(data) => <ReadinessPanel readiness={data} />}
      </LoadView>
      <LoadedTable state={models} onRetry={reloadModels} columns={MODEL_COLUMNS} empty="No models are configured (model_list is empty)." testId="models-table">
        {(row, index) => (
          <tr key={row.deploymentId ?? `${row.modelName}-${index}`}>
            <td>{row.modelName}</td>
            <td className="mono">
              {row.model ?? '—'}
              {row.deploymentId !== null && <div className="muted">{row.deploymentId}</div>}
            </td>
            <td>{row.provider ?? '—'}</td>
            <td className="mono">{row.apiBase ?? 'default'}</td>
            <td>{perMillion(row.inputCostPerToken)}</td>
            <td>{perMillion(row.outputCostPerToken)}</td>
            <td>{formatCount(row.maxTokens)}</td>
            <HealthCells health={healthFor(health, row.deploymentId, row.modelName)} />
          </tr>
        )}
      </LoadedTable>
    </>
  );
}
