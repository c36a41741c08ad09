// How messages name a deployment: its place in model_list, its public name and its id when
// set, so the user finds it in the file (`model_list[2] "gpt-4o" (id eu-1)`).

export function describeDeployment(index: number, deployment: unknown): string {
  const record = deployment !== null && typeof deployment === 'object' ? (deployment as Record<string, unknown>) : {};
  const name = record['model_name'];
  const info = record['model_info'];
  const id = info !== null && typeof info === 'object' ? (info as Record<string, unknown>)['id'] : undefined;
  const named = typeof name === 'string' || typeof name === 'number' ? ` "${String(name)}"` : '';
  const withId = typeof id === 'string' || typeof id === 'number' ? ` (id ${String(id)})` : '';
  return `model_list[${index}]${named}${withId}`;
}
