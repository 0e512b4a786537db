import type { RedirectResult, TelnyxAuth } from '@telnyx-oauth/core';

// Per client, the one handling of each callback URL. Core is already single-flight per `state`; this
// also keeps a remounted <AuthCallback> (StrictMode, a router re-keying the route, Suspense) from
// calling it again after core cleaned the URL, and lets the later mount get the same outcome.
const handled = new WeakMap<TelnyxAuth, Map<string, Promise<RedirectResult>>>();

export function handleCallbackOnce(client: TelnyxAuth, url: string): Promise<RedirectResult> {
  let byUrl = handled.get(client);
  if (byUrl === undefined) {
    byUrl = new Map();
    handled.set(client, byUrl);
  }
  let result = byUrl.get(url);
  if (result === undefined) {
    result = client.handleRedirectCallback(url);
    byUrl.set(url, result);
  }
  return result;
}
