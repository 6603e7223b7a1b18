import { createContext, useCallback, useContext, useEffect, useState, type MouseEvent, type ReactNode } from 'react';

/** The pages of the dashboard; the server answers each path with index.html (SPA fallback). */
export const PAGES = ['overview', 'audit', 'policy', 'providers', 'drills', 'compute', 'assess', 'evaluation', 'about'] as const;
export type Page = (typeof PAGES)[number];

export interface Location {
  page: Page | 'login';
  /** Path segments after the page (e.g. the seq of an audit record). */
  rest: string[];
  search: URLSearchParams;
}

function parse(): Location {
  const [first = '', ...rest] = window.location.pathname.split('/').filter(Boolean);
  const page = first === '' ? 'overview' : first === 'login' ? 'login' : (PAGES as readonly string[]).includes(first) ? (first as Page) : 'overview';
  return { page, rest, search: new URLSearchParams(window.location.search) };
}

interface RouterValue {
  location: Location;
  navigate(path: string, options?: { replace?: boolean }): void;
}

const RouterContext = createContext<RouterValue | null>(null);

/** A minimal history-API router (the dashboard has a handful of flat pages; no dependency needed). */
export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState<Location>(parse);
  useEffect(() => {
    const onPop = () => setLocation(parse());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((path: string, options: { replace?: boolean } = {}) => {
    if (path === window.location.pathname + window.location.search) return;
    if (options.replace) window.history.replaceState(null, '', path);
    else window.history.pushState(null, '', path);
    setLocation(parse());
  }, []);
  return <RouterContext.Provider value={{ location, navigate }}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter outside RouterProvider');
  return value;
}

/** An <a> that navigates without reloading (and still opens in a new tab with a modifier key). */
export function Link({ to, children, className, ...rest }: { to: string; children: ReactNode; className?: string; 'aria-current'?: 'page' | undefined; 'data-testid'?: string; title?: string }) {
  const { navigate } = useRouter();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} className={className} {...rest}>
      {children}
    </a>
  );
}
