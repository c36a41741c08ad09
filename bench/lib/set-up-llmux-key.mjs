// Gives the llmux gateway the governance a deployment runs with: a virtual key with rpm,
// tpm and budget limits (POST /key/generate, LiteLLM's API). While a feature is not built
// yet the route answers 404: we then fall back to the master key and record what was live,
// so results from before and after each feature are never mistaken for one another.

const KEY_REQUEST = {
  models: ['gpt-4o-mini', 'gpt-4o-mini-slow', 'claude-bench'],
  key_alias: 'bench',
  // High enough never to refuse: the bench measures the cost of checking, not of refusing.
  rpm_limit: 100_000_000,
  tpm_limit: 10_000_000_000,
  max_parallel_requests: 1_000_000,
  max_budget: 1_000_000,
  budget_duration: '30d',
};

export async function setUpLlmuxKey(port, masterKey) {
  const base = `http://127.0.0.1:${port}`;
  const auth = { authorization: `Bearer ${masterKey}` };
  const features = { masterKey: true };
  let apiKey;
  const generated = await fetch(`${base}/key/generate`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(KEY_REQUEST),
  });
  if (generated.ok) {
    const body = await generated.json();
    apiKey = typeof body.key === 'string' ? body.key : undefined;
  } else {
    await generated.body?.cancel();
  }
  features.virtualKey = apiKey !== undefined;
  features.keyLimits = apiKey !== undefined;
  features.metrics = await routeExists(`${base}/metrics`, auth);
  features.spendLogs = await routeExists(`${base}/spend/logs`, auth);
  return { apiKey, features };
}

async function routeExists(url, headers) {
  const response = await fetch(url, { headers });
  await response.body?.cancel();
  return response.status !== 404;
}
