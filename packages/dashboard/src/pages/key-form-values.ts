// The key form's text fields and their conversion to `/key/generate` / `/key/update` fields.

import type { KeySettings } from '../api/management-api.js';
import type { KeyRow } from '../api/records.js';

export interface KeyFormValues {
  keyAlias: string;
  models: string;
  maxBudget: string;
  budgetDuration: string;
  rpmLimit: string;
  tpmLimit: string;
  maxParallelRequests: string;
  teamId: string;
}

export const EMPTY_KEY_FORM: KeyFormValues = { keyAlias: '', models: '', maxBudget: '', budgetDuration: '', rpmLimit: '', tpmLimit: '', maxParallelRequests: '', teamId: '' };

export function formValuesOf(key: KeyRow): KeyFormValues {
  const text = (value: number | null): string => (value === null ? '' : String(value));
  return {
    keyAlias: key.keyAlias ?? '',
    models: key.models.join(', '),
    maxBudget: text(key.maxBudget),
    budgetDuration: key.budgetDuration ?? '',
    rpmLimit: text(key.rpmLimit),
    tpmLimit: text(key.tpmLimit),
    maxParallelRequests: text(key.maxParallelRequests),
    teamId: key.teamId ?? '',
  };
}

/** An empty field means "no limit" (null), so editing can also remove a limit. */
export function toKeySettings(values: KeyFormValues): KeySettings {
  const number = (text: string): number | null => (text.trim() === '' ? null : Number(text));
  const settings: KeySettings = {
    models: values.models
      .split(',')
      .map((model) => model.trim())
      .filter((model) => model !== ''),
    max_budget: number(values.maxBudget),
    budget_duration: values.budgetDuration === '' ? null : values.budgetDuration,
    rpm_limit: number(values.rpmLimit),
    tpm_limit: number(values.tpmLimit),
    max_parallel_requests: number(values.maxParallelRequests),
    team_id: values.teamId.trim() === '' ? null : values.teamId.trim(),
  };
  if (values.keyAlias.trim() !== '') settings.key_alias = values.keyAlias.trim();
  return settings;
}

/** A message for the first invalid field, or null. */
export function validateKeyForm(values: KeyFormValues): string | null {
  const fields: Array<[string, string]> = [
    ['Max budget', values.maxBudget],
    ['RPM limit', values.rpmLimit],
    ['TPM limit', values.tpmLimit],
    ['Max parallel requests', values.maxParallelRequests],
  ];
  for (const [label, text] of fields) {
    if (text.trim() !== '' && !(Number(text) >= 0)) return `${label} must be a number of 0 or more.`;
  }
  return null;
}
