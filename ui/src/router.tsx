// A small client-side router over the History API: the server answers every non-API
// path with index.html (src/web/http/static_files.h), and this picks the screen.
// After each navigation (not the first load) the page heading takes focus, so keyboard
// and screen-reader users land at the start of the new page (WCAG 2.4.3).
import { createContext, useCallback, useContext, useEffect, useRef, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

interface Location { path: string; search: string }
interface RouterValue {
  location: Location;
  navigate: (to: string, opts?: { replace?: boolean }) => void;
  /// Counts navigations; 0 on first load.
  navigations: number;
}

const RouterContext = createContext<RouterValue | null>(null);

function current(): Location {
  return { path: window.location.pathname, search: window.location.search };
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState<Location>(current);
  const [navigations, setNavigations] = useState(0);
  useEffect(() => {
    const onPop = () => {
      setLocation(current());
      setNavigations((n) => n + 1);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string, opts?: { replace?: boolean }) => {
    if (opts?.replace) window.history.replaceState(null, '', to);
    else window.history.pushState(null, '', to);
    setLocation(current());
    setNavigations((n) => n + 1);
    window.scrollTo?.(0, 0);
  }, []);
  return <RouterContext.Provider value={{ location, navigate, navigations }}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const ctx = useContext(RouterContext);
  if (!ctx) throw new Error('useRouter outside RouterProvider');
  return ctx;
}

/// Matches a path against a pattern with :params ("/meldingen/:id"); null when it does not.
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

/// An in-app link: a real <a href> (so it opens in a new tab and reads as a link) that
/// navigates without reloading on a plain click.
export function AppLink({ to, children, className, ...rest }: { to: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const { navigate } = useRouter();
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} className={['utrecht-link', 'utrecht-link--html-a', className].filter(Boolean).join(' ')} {...rest}>
      {children}
    </a>
  );
}

/// The page's <h1>; takes focus after a navigation.
export function PageHeading({ children }: { children: ReactNode }) {
  const { navigations } = useRouter();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (navigations > 0) ref.current?.focus();
  }, [navigations]);
  return (
    <h1 ref={ref} tabIndex={-1} className="utrecht-heading-1 page-heading" id="page-heading">
      {children}
    </h1>
  );
}
