// The message in place of an empty table.

export function EmptyState({ children }: { children: React.ReactNode }) {
  return <div className="panel panel-empty">{children}</div>;
}
