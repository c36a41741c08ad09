// The new key, shown once: the gateway stores only its hash, so this is the only chance to copy it.

import { CopyButton } from '../components/copy-button.js';

export function NewKeyNotice({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <div className="panel panel-notice" role="status">
      <strong>Key created. Copy it now: it will not be shown again.</strong>
      <div className="secret-row">
        <code data-testid="new-key">{secret}</code>
        <CopyButton text={secret} />
      </div>
      <button type="button" onClick={onDone}>
        I have copied it
      </button>
    </div>
  );
}
