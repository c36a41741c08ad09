// The dashboard at /ui: its built files, open without a key (the page holds no data; its
// API calls carry the user's key), plus the session route behind authentication.

import type { Route } from '../http/route.js';
import type { PrefixRoute } from '../http/route-table.js';
import { createSessionRoute } from './create-session-route.js';
import { defaultDashboardDirectory } from './find-dashboard-directory.js';
import { resolveUiFile, UI_BASE_PATH } from './resolve-ui-file.js';
import { sendUiFile, sendUiText } from './send-ui-file.js';

const DASHBOARD_NOT_BUILT_MESSAGE =
  'The llmux dashboard is not built. Run `npm run build` at the repository root (or `npm run build -w packages/dashboard`) and reload this page.\n';

export interface UiRoutes {
  files: PrefixRoute;
  session: Route;
}

export function createUiRoutes(directory: string = defaultDashboardDirectory()): UiRoutes {
  const files: PrefixRoute = {
    method: 'GET',
    paths: [UI_BASE_PATH],
    pathPrefix: `${UI_BASE_PATH}/`,
    open: true,
    handle: async (context) => {
      const file = resolveUiFile(directory, context.path);
      if (file.kind === 'not-found') {
        sendUiText(context, 404, 'Not found\n');
        return;
      }
      if (await sendUiFile(context, file.path, file.extension, file.hashed)) return;
      // The page itself missing means no build at all; a missing asset is a plain 404.
      if (file.extension === '.html' && file.path.endsWith('index.html')) sendUiText(context, 503, DASHBOARD_NOT_BUILT_MESSAGE);
      else sendUiText(context, 404, 'Not found\n');
    },
  };
  return { files, session: createSessionRoute() };
}
