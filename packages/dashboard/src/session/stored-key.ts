// The user's key lives in sessionStorage: it survives a reload but not closing the tab, and
// it is never written anywhere the gateway serves.

const STORAGE_NAME = 'llmux.apiKey';

export function readStoredKey(): string | null {
  return window.sessionStorage.getItem(STORAGE_NAME);
}

export function storeKey(key: string): void {
  window.sessionStorage.setItem(STORAGE_NAME, key);
}

export function forgetKey(): void {
  window.sessionStorage.removeItem(STORAGE_NAME);
}
