// A litellm_content_filter pattern entry naming one of LiteLLM's prebuilt detectors (email,
// credit_card, us_ssn, …) and what to do on a match, in the config's own shape: the guardrail
// tests list many of them.

export function prebuilt(patternName: string, action: 'MASK' | 'BLOCK'): { pattern_type: 'prebuilt'; pattern_name: string; action: 'MASK' | 'BLOCK' } {
  return { pattern_type: 'prebuilt', pattern_name: patternName, action };
}
