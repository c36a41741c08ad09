// Sign in with the master key or a virtual key. The key is checked against the gateway
// before it is kept, so a wrong key gets the gateway's message at once.

import { useState } from 'react';
import { ErrorPanel } from '../components/error-panel.js';

export function LoginPage({ error, onSubmit }: { error: unknown; onSubmit: (key: string) => Promise<void> }) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <div className="login">
      <form
        className="login-form"
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          onSubmit(key.trim()).finally(() => setBusy(false));
        }}
      >
        <h1>llmux</h1>
        <p className="muted">Sign in with the master key or your virtual key. It stays in this browser tab only.</p>
        <label>
          API key
          <input name="api-key" type="password" autoComplete="off" value={key} onChange={(event) => setKey(event.target.value)} placeholder="sk-..." required />
        </label>
        <button type="submit" className="primary" disabled={busy || key.trim() === ''}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        {error !== null && <ErrorPanel error={error} />}
      </form>
    </div>
  );
}
