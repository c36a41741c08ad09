// The signed-in client and session, handed to every page without prop drilling.

import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/api-client.js';
import type { Session } from '../api/records.js';

export interface SignedIn {
  client: ApiClient;
  session: Session;
  signOut: () => void;
}

export const SignedInContext = createContext<SignedIn | null>(null);

export function useSignedIn(): SignedIn {
  const value = useContext(SignedInContext);
  if (value === null) throw new Error('useSignedIn outside a signed-in page');
  return value;
}
