// Picks the page component for a page name.

import type { PageName } from '../session/use-location.js';
import { AuditLogPage } from './audit-log-page.js';
import { KeysPage } from './keys-page.js';
import { ModelsPage } from './models-page.js';
import { OverviewPage } from './overview-page.js';
import { RequestLogPage } from './request-log-page.js';
import { TeamsPage } from './teams-page.js';
import { UsersPage } from './users-page.js';

export function PageView({ page }: { page: PageName }) {
  switch (page) {
    case 'overview':
      return <OverviewPage />;
    case 'keys':
      return <KeysPage />;
    case 'teams':
      return <TeamsPage />;
    case 'users':
      return <UsersPage />;
    case 'models':
      return <ModelsPage />;
    case 'requests':
      return <RequestLogPage />;
    case 'audit':
      return <AuditLogPage />;
    default: {
      const unknownPage: never = page;
      return unknownPage;
    }
  }
}
