// The body without the guardrail selection (`guardrails`, `metadata.guardrails`): the
// gateway reads them, the upstream never sees them (OpenAI's metadata takes strings only).
// The body is copied only when it has them.

export function withoutGuardrailFields(body: Record<string, unknown>): Record<string, unknown> {
  const metadata = body['metadata'];
  const inMetadata = metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata) && 'guardrails' in metadata;
  if (!('guardrails' in body) && !inMetadata) return body;
  const copy = { ...body };
  delete copy['guardrails'];
  if (inMetadata) {
    const { guardrails: _selection, ...rest } = metadata as Record<string, unknown>;
    copy['metadata'] = rest;
  }
  return copy;
}
