// A key's or team's status: blocked (refused at the gateway) or active.

export function BlockedBadge({ blocked }: { blocked: boolean }) {
  return blocked ? <span className="badge badge-bad">blocked</span> : <span className="badge badge-good">active</span>;
}
