// The left navigation: one link per page, who is signed in, and sign out.

import { isAdmin } from '../api/read-session.js';
import type { Session } from '../api/records.js';
import { pathForPage, type PageName } from '../session/use-location.js';

const LABELS: Record<PageName, string> = {
  overview: 'Overview',
  keys: 'Keys',
  teams: 'Teams',
  users: 'Users',
  models: 'Models',
  requests: 'Request log',
  audit: 'Audit log',
};

/** Pages only admins can use; others would only ever see a 403 there. */
const ADMIN_PAGES: ReadonlySet<PageName> = new Set(['users', 'audit']);

export function NavBar({ page, session, onNavigate, onSignOut }: { page: PageName; session: Session; onNavigate: (page: PageName) => void; onSignOut: () => void }) {
  const pages = (Object.keys(LABELS) as PageName[]).filter((name) => isAdmin(session) || !ADMIN_PAGES.has(name));
  return (
    <nav className="nav">
      <div className="brand">llmux</div>
      <ul>
        {pages.map((name) => (
          <li key={name}>
            <a
              href={pathForPage(name)}
              className={name === page ? 'active' : undefined}
              onClick={(event) => {
                // Plain links keep open-in-new-tab working; a normal click stays in the app.
                if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                event.preventDefault();
                onNavigate(name);
              }}
            >
              {LABELS[name]}
            </a>
          </li>
        ))}
      </ul>
      <div className="nav-footer">
        <div className="muted" data-testid="session-label">
          {session.label}
          <br />
          <span className="role">{session.role}</span>
        </div>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </nav>
  );
}
