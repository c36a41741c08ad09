// Picks the page component for a page name.

import type { ComponentType } from 'react';
import type { PageName } from '../session/use-location.js';
import { AuditLogPage } from './audit-log-page.js';
import { KeysPage } from './keys-page.js';
import { ModelsPage } from './models-page.js';
import { OverviewPage } from './overview-page.js';
import { RequestLogPage } from './request-log-page.js';
import { TeamsPage } from './teams-page.js';
import { UsersPage } from './users-page.js';

// A Record rather than a switch: the type still demands a page for every name.
const PAGES: Record<PageName, ComponentType> = {
  overview: OverviewPage,
  keys: KeysPage,
  teams: TeamsPage,
  users: UsersPage,
  models: ModelsPage,
  requests: RequestLogPage,
  audit: AuditLogPage,
};

export function PageView({ page }: { page: PageName }) {
  const Page = PAGES[page];
  return <Page />;
}
