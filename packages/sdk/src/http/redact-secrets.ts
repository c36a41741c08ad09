// Upstreams sometimes echo the credential they rejected. Every message built from an
// upstream body passes through here before it can reach an error, a log or a client.

export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret === undefined || secret.length < 6) continue;
    if (result.includes(secret)) result = result.split(secret).join(maskSecret(secret));
  }
  return result;
}

export function maskSecret(secret: string): string {
  return secret.length <= 8 ? '****' : `${secret.slice(0, 3)}****${secret.slice(-2)}`;
}
