import { useEffect, useState } from 'react';

/**
 * Views are addressed by the URL's hash (`#/kpis?grain=QUARTER&tier=growth`), so that a view and its settings can be bookmarked
 * and shared, and the app needs nothing of the server beyond its index page.
 */
export interface Route {
  view: string;
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  return { view: path || '', params: new URLSearchParams(query) };
}

export function hashOf(view: string, params: URLSearchParams): string {
  const query = params.toString();
  return `#/${view}${query ? `?${query}` : ''}`;
}

export function useRoute(): Route {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return parseHash(hash);
}

/** Changes some settings of the current view, keeping the others. */
export function updateParams(changes: Record<string, string | string[] | null>): void {
  const { view, params } = parseHash(window.location.hash);
  for (const [name, value] of Object.entries(changes)) {
    params.delete(name);
    if (Array.isArray(value)) value.forEach((v) => params.append(name, v));
    else if (value !== null && value !== '') params.set(name, value);
  }
  window.location.hash = hashOf(view, params);
}
