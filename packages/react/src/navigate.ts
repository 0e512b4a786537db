/**
 * Default navigation after sign-in when the app passes no `onSuccess`: replace the callback URL with
 * `returnTo` (so Back does not return to a spent callback) and announce it with a `popstate` event, which
 * routers built on the History API (react-router's BrowserRouter, TanStack Router) and plain apps that
 * listen to popstate all follow. Apps with their own history state (Next.js) pass `onSuccess`.
 */
export function replaceLocation(path: string): void {
  window.history.replaceState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
}

/** The current same-origin path, as `returnTo` wants it. */
export function currentPath(): string {
  const { pathname, search, hash } = window.location;
  return `${pathname}${search}${hash}`;
}
