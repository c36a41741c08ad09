// Route lookup: one Map get keyed on `METHOD path`. Only on a miss do we try the routes with
// path parameters (`/v1/responses/{id}`) and the few prefix routes (the dashboard's files
// under /ui/), then work out whether the path exists under another method (405) or not at
// all (404). Errors before a route is known are worded by the dialect owning the path.

import type { RequestContext } from './request-context.js';
import { MethodNotAllowedError, RouteNotFoundError } from './http-errors.js';
import type { Route } from './route.js';
import type { ErrorWriter } from './send-error.js';

/** A route that also answers every path starting with `pathPrefix`. */
export interface PrefixRoute extends Route {
  pathPrefix: string;
}

interface PatternRoute {
  route: Route;
  /** The path's segments; a parameter's is its name in braces. */
  segments: readonly string[];
}

export class RouteTable {
  private readonly routes = new Map<string, Route>();
  private readonly methodsByPath = new Map<string, string[]>();
  private readonly patterns: PatternRoute[] = [];
  private readonly prefixRoutes: PrefixRoute[] = [];
  private readonly errorWriters: Array<[prefix: string, writer: ErrorWriter]> = [];

  constructor(routes: Iterable<Route>) {
    for (const route of routes) this.add(route);
  }

  add(route: Route): void {
    for (const path of route.paths) {
      if (path.includes('{')) {
        this.patterns.push({ route, segments: path.split('/') });
        continue;
      }
      const key = `${route.method} ${path}`;
      if (this.routes.has(key)) throw new Error(`route ${key} is defined twice`);
      this.routes.set(key, route);
      const methods = this.methodsByPath.get(path) ?? [];
      methods.push(route.method);
      this.methodsByPath.set(path, methods);
    }
  }

  /** Adds a route for its exact paths and for everything under its prefix. */
  addPrefix(route: PrefixRoute): void {
    this.add(route);
    this.prefixRoutes.push(route);
  }

  /** Errors on paths under `prefix` that no route took (404, 405) are written by `writer`. */
  addErrorWriter(prefix: string, writer: ErrorWriter): void {
    this.errorWriters.push([prefix, writer]);
  }

  /** The writer for errors raised before a route was found, if the path's dialect has one. */
  errorWriterFor(path: string): ErrorWriter | undefined {
    for (const [prefix, writer] of this.errorWriters) if (path.startsWith(prefix)) return writer;
    return undefined;
  }

  /** The route for a request (path parameters set on the context), or the 404/405 error to answer with. */
  lookup(method: string, path: string, context?: RequestContext): Route {
    const route = this.routes.get(`${method} ${path}`);
    if (route !== undefined) return route;
    const allowed = this.methodsByPath.get(path);
    if (allowed !== undefined) throw new MethodNotAllowedError(method, path, allowed);
    if (this.patterns.length > 0) {
      const found = this.matchPattern(method, path, context);
      if (found !== undefined) return found;
    }
    for (const prefixRoute of this.prefixRoutes) {
      if (!path.startsWith(prefixRoute.pathPrefix)) continue;
      if (prefixRoute.method === method) return prefixRoute;
      throw new MethodNotAllowedError(method, path, [prefixRoute.method]);
    }
    throw new RouteNotFoundError(method, path);
  }

  private matchPattern(method: string, path: string, context: RequestContext | undefined): Route | undefined {
    const segments = path.split('/');
    const methods: string[] = [];
    for (const pattern of this.patterns) {
      const params = matchSegments(pattern.segments, segments);
      if (params === undefined) continue;
      if (pattern.route.method !== method) {
        methods.push(pattern.route.method);
        continue;
      }
      if (context !== undefined) context.params = params;
      return pattern.route;
    }
    if (methods.length > 0) throw new MethodNotAllowedError(method, path, methods);
    return undefined;
  }
}

function matchSegments(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < pattern.length; index += 1) {
    const expected = pattern[index] as string;
    const actual = segments[index] as string;
    if (expected.startsWith('{') && expected.endsWith('}')) {
      if (actual === '') return undefined;
      params[expected.slice(1, -1)] = decodeSegment(actual);
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}

/** A malformed escape stays as sent: the handler then finds no such id (404), never a 500. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
