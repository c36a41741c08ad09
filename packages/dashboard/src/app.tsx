// The shell: the login page until a key is accepted, then the navigation and one page.

import { useCallback, useEffect, useState } from 'react';
import { createApiClient } from './api/api-client.js';
import { fetchSession } from './api/management-api.js';
import { NavBar } from './components/nav-bar.js';
import { LoginPage } from './pages/login-page.js';
import { PageView } from './pages/page-view.js';
import { SignedInContext, type SignedIn } from './session/api-context.js';
import { forgetKey, readStoredKey, storeKey } from './session/stored-key.js';
import { usePage } from './session/use-location.js';

type AuthState = { status: 'checking' } | { status: 'signed-out'; error: unknown } | { status: 'signed-in'; value: SignedIn };

export function App() {
  const [auth, setAuth] = useState<AuthState>(() => (readStoredKey() === null ? { status: 'signed-out', error: null } : { status: 'checking' }));
  const [page, navigate] = usePage();

  const signOut = useCallback((): void => {
    forgetKey();
    setAuth({ status: 'signed-out', error: null });
  }, []);

  const signIn = useCallback(async (key: string): Promise<void> => {
    const client = createApiClient(key);
    try {
      const session = await fetchSession(client);
      storeKey(key);
      setAuth({ status: 'signed-in', value: { client, session, signOut } });
    } catch (error) {
      forgetKey();
      setAuth({ status: 'signed-out', error });
    }
  }, [signOut]);

  useEffect(() => {
    const stored = readStoredKey();
    if (stored !== null) void signIn(stored);
  }, [signIn]);

  if (auth.status === 'checking') return <div className="panel panel-loading">Signing in…</div>;
  if (auth.status === 'signed-out') return <LoginPage error={auth.error} onSubmit={signIn} />;
  return (
    <SignedInContext.Provider value={auth.value}>
      <div className="layout">
        <NavBar page={page} session={auth.value.session} onNavigate={navigate} onSignOut={signOut} />
        <main className="content">
          <PageView page={page} />
        </main>
      </div>
    </SignedInContext.Provider>
  );
}
