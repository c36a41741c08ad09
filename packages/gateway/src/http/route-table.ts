// Route lookup: one Map get keyed on `METHOD path`. Only on a miss do we try the few prefix
// routes (the dashboard's files under /ui/), then work out whether the path exists under
// another method (405) or not at all (404).

import { MethodNotAllowedError, RouteNotFoundError } from './http-errors.js';
import type { Route } from './route.js';

/** A route that also answers every path starting with `pathPrefix`. */
export interface PrefixRoute extends Route {
  pathPrefix: string;
}

export class RouteTable {
  private readonly routes = new Map<string, Route>();
  private readonly methodsByPath = new Map<string, string[]>();
  private readonly prefixRoutes: PrefixRoute[] = [];

  constructor(routes: Iterable<Route>) {
    for (const route of routes) this.add(route);
  }

  add(route: Route): void {
    for (const path of route.paths) {
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

  /** The route for a request, or the 404/405 error to answer with. */
  lookup(method: string, path: string): Route {
    const route = this.routes.get(`${method} ${path}`);
    if (route !== undefined) return route;
    const allowed = this.methodsByPath.get(path);
    if (allowed !== undefined) throw new MethodNotAllowedError(method, path, allowed);
    for (const prefixRoute of this.prefixRoutes) {
      if (!path.startsWith(prefixRoute.pathPrefix)) continue;
      if (prefixRoute.method === method) return prefixRoute;
      throw new MethodNotAllowedError(method, path, [prefixRoute.method]);
    }
    throw new RouteNotFoundError(method, path);
  }
}
