// A tiny history-API router: pages live at /ui/<page>, and the gateway answers every such
// path with index.html, so reloads and shared links land on the right page.

import { useCallback, useEffect, useState } from 'react';

export const BASE_PATH = '/ui';

export type PageName = 'overview' | 'keys' | 'teams' | 'users' | 'models' | 'requests' | 'audit';

export const PAGE_NAMES: readonly PageName[] = ['overview', 'keys', 'teams', 'users', 'models', 'requests', 'audit'];

export function pageFromPath(pathname: string): PageName {
  const rest = pathname.startsWith(BASE_PATH) ? pathname.slice(BASE_PATH.length) : pathname;
  const first = rest.split('/').filter((part) => part !== '')[0] ?? 'overview';
  return PAGE_NAMES.find((name) => name === first) ?? 'overview';
}

export function pathForPage(page: PageName): string {
  return page === 'overview' ? `${BASE_PATH}/` : `${BASE_PATH}/${page}`;
}

export function usePage(): [PageName, (page: PageName) => void] {
  const [page, setPage] = useState<PageName>(() => pageFromPath(window.location.pathname));
  useEffect(() => {
    const onPop = (): void => setPage(pageFromPath(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((next: PageName) => {
    window.history.pushState(null, '', pathForPage(next));
    setPage(next);
  }, []);
  return [page, navigate];
}
