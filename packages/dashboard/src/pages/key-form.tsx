// The form that creates a key or edits one: alias, models, budget and rate limits.

import { useState } from 'react';
import { ErrorPanel } from '../components/error-panel.js';
import { EMPTY_KEY_FORM, toKeySettings, validateKeyForm, type KeyFormValues } from './key-form-values.js';
import type { KeySettings } from '../api/management-api.js';

interface KeyFormProps {
  title: string;
  submitLabel: string;
  initial?: KeyFormValues;
  modelNames: readonly string[];
  onSubmit: (settings: KeySettings) => Promise<void>;
  onCancel: () => void;
}

export function KeyForm({ title, submitLabel, initial = EMPTY_KEY_FORM, modelNames, onSubmit, onCancel }: KeyFormProps) {
  const [values, setValues] = useState<KeyFormValues>(initial);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const field = (name: keyof KeyFormValues) => ({
    name,
    value: values[name],
    onChange: (event: { target: { value: string } }) => setValues({ ...values, [name]: event.target.value }),
  });
  const submit = (): void => {
    const invalid = validateKeyForm(values);
    if (invalid !== null) {
      setError(new Error(invalid));
      return;
    }
    setBusy(true);
    setError(null);
    onSubmit(toKeySettings(values)).then(
      () => setBusy(false),
      (failure: unknown) => {
        setBusy(false);
        setError(failure);
      },
    );
  };
  return (
    <form
      className="panel form"
      aria-label={title}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h2>{title}</h2>
      <div className="form-grid">
        <label>
          Alias
          <input {...field('keyAlias')} placeholder="e.g. billing-service" />
        </label>
        <label>
          Models (comma separated; empty = all)
          <input {...field('models')} list="model-names" placeholder={modelNames.slice(0, 3).join(', ')} />
          <datalist id="model-names">
            {modelNames.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </label>
        <label>
          Max budget (USD)
          <input {...field('maxBudget')} inputMode="decimal" placeholder="no limit" />
        </label>
        <label>
          Budget resets every
          <select {...field('budgetDuration')}>
            <option value="">never</option>
            <option value="1d">day</option>
            <option value="7d">week</option>
            <option value="30d">30 days</option>
            <option value="1mo">month</option>
          </select>
        </label>
        <label>
          Requests per minute
          <input {...field('rpmLimit')} inputMode="numeric" placeholder="no limit" />
        </label>
        <label>
          Tokens per minute
          <input {...field('tpmLimit')} inputMode="numeric" placeholder="no limit" />
        </label>
        <label>
          Max parallel requests
          <input {...field('maxParallelRequests')} inputMode="numeric" placeholder="no limit" />
        </label>
        <label>
          Team id
          <input {...field('teamId')} placeholder="none" />
        </label>
      </div>
      {error !== null && <ErrorPanel error={error} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
