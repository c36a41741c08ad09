// A deployment's last-hour traffic and health verdict, as two table cells.

import { verdictOf, type DeploymentHealth } from '../pages/deployment-health.js';

const BADGE: Record<ReturnType<typeof verdictOf>, string> = {
  healthy: 'badge badge-good',
  degraded: 'badge badge-warn',
  failing: 'badge badge-bad',
  idle: 'badge',
};

export function HealthCells({ health }: { health: DeploymentHealth | undefined }) {
  const verdict = verdictOf(health);
  return (
    <>
      <td>{health === undefined ? 'no calls' : `${health.requests} calls, ${health.failures} failed`}</td>
      <td>
        <span className={BADGE[verdict]} data-testid="deployment-health">
          {verdict}
        </span>
      </td>
    </>
  );
}
