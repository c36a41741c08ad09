// Maps a request path under /ui to a file in the dashboard's build, or says why not. Paths
// without a file extension are app pages (the SPA routes them), so they get index.html.

import { extname, resolve, sep } from 'node:path';

export const UI_BASE_PATH = '/ui';

export type UiFile = { kind: 'file'; path: string; extension: string; hashed: boolean } | { kind: 'not-found' };

/** Vite writes content-hashed names under assets/; only those may be cached for good. */
const HASHED_DIRECTORY = '/assets/';

export function resolveUiFile(root: string, requestPath: string): UiFile {
  let relative: string;
  try {
    relative = decodeURIComponent(requestPath.slice(UI_BASE_PATH.length));
  } catch {
    return { kind: 'not-found' };
  }
  if (relative.includes('\0')) return { kind: 'not-found' };
  const extension = extname(relative);
  if (extension === '') return { kind: 'file', path: resolve(root, 'index.html'), extension: '.html', hashed: false };
  const path = resolve(root, `.${relative.startsWith('/') ? '' : '/'}${relative}`);
  // resolve() collapses `..`; anything that lands outside the build directory is refused.
  if (!path.startsWith(root.endsWith(sep) ? root : root + sep)) return { kind: 'not-found' };
  return { kind: 'file', path, extension, hashed: relative.startsWith(HASHED_DIRECTORY) };
}
