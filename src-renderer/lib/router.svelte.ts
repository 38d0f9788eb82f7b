/**
 * Hash routes, so every view has an address (back/forward work, links can be shared within the app):
 *   #/studies  #/new  #/study/<id>[/samples]  #/tradeoff  #/reports[/<id>]  #/about
 */
export type Route =
  | { view: 'studies' }
  | { view: 'new'; preset?: string }
  | { view: 'study'; id: string; tab: 'overview' | 'samples' }
  | { view: 'tradeoff' }
  | { view: 'reports'; id?: string }
  | { view: 'about' };

/** Parses a location hash; anything unknown is the studies list. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  switch (parts[0]) {
    case 'new':
      return params.get('preset') ? { view: 'new', preset: params.get('preset')! } : { view: 'new' };
    case 'study':
      return parts[1] ? { view: 'study', id: parts[1], tab: parts[2] === 'samples' ? 'samples' : 'overview' } : { view: 'studies' };
    case 'tradeoff':
      return { view: 'tradeoff' };
    case 'reports':
      return parts[1] ? { view: 'reports', id: parts[1] } : { view: 'reports' };
    case 'about':
      return { view: 'about' };
    default:
      return { view: 'studies' };
  }
}

/** The hash of a route. */
export function routeHash(route: Route): string {
  switch (route.view) {
    case 'study':
      return `#/study/${encodeURIComponent(route.id)}${route.tab === 'samples' ? '/samples' : ''}`;
    case 'new':
      return route.preset ? `#/new?preset=${encodeURIComponent(route.preset)}` : '#/new';
    case 'reports':
      return route.id ? `#/reports/${encodeURIComponent(route.id)}` : '#/reports';
    default:
      return `#/${route.view}`;
  }
}

class Router {
  route = $state<Route>(parseRoute(typeof location === 'undefined' ? '' : location.hash));

  constructor() {
    if (typeof window !== 'undefined') window.addEventListener('hashchange', () => (this.route = parseRoute(location.hash)));
  }

  go(route: Route): void {
    const hash = routeHash(route);
    if (location.hash !== hash) location.hash = hash;
    else this.route = route;
  }
}

export const router = new Router();
