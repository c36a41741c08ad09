// GET /ui/session: who the dashboard's key belongs to and its role, so the page can hide
// actions the role may not take. It sits behind authentication like every API route; the
// API itself still enforces every permission.

import type { Route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';

export function createSessionRoute(): Route {
  return {
    method: 'GET',
    paths: ['/ui/session'],
    handle: (context) => {
      const identity = context.identity;
      // No master key configured: the gateway is open, so the caller can do everything.
      if (identity === undefined) {
        sendJson(context, 200, JSON.stringify({ kind: 'open', user_role: 'proxy_admin', label: 'open gateway (no master key)', key_alias: null, user_id: null, team_id: null }));
        return;
      }
      const key = identity.key;
      const body = {
        kind: identity.kind,
        user_role: identity.role,
        label: identity.kind === 'master' ? 'master key' : (key?.key_alias ?? key?.key_name ?? 'virtual key'),
        key_alias: key?.key_alias ?? null,
        key_name: key?.key_name ?? null,
        user_id: identity.user?.user_id ?? key?.user_id ?? null,
        team_id: identity.team?.team_id ?? key?.team_id ?? null,
      };
      sendJson(context, 200, JSON.stringify(body));
    },
  };
}
