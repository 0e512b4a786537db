'use client';
// Its own module (and its own import of '@telnyx-oauth/core/api') so that apps which never call
// useTelnyxAPI do not bundle the API client.
import { useMemo } from 'react';
import { createTelnyxOAuthAPI, type ClientOptions, type TelnyxOAuthAPI } from '@telnyx-oauth/core/api';
import type { TelnyxAuth } from '@telnyx-oauth/core';
import { useTelnyxAuthClient } from './context.js';

/** Options of the API client other than the session it is bound to. */
export type TelnyxAPIOptions = Omit<ClientOptions, 'auth' | 'apiKey' | 'accessToken'>;

// Without options, one API client per session, shared by every component and kept across remounts.
const shared = new WeakMap<TelnyxAuth, TelnyxOAuthAPI>();

const sharedAPI = (auth: TelnyxAuth): TelnyxOAuthAPI =>
  shared.get(auth) ?? shared.set(auth, createTelnyxOAuthAPI({ auth })).get(auth)!;

/**
 * The typed Telnyx OAuth API client bound to the session: every call sends the current access token and
 * refreshes it once on `invalid_token`. Without `options` the same instance is returned for the same
 * provider; with `options` one is created per (provider, options object), so pass a stable object
 * (a module constant or a memoised value).
 */
export function useTelnyxAPI(options?: TelnyxAPIOptions): TelnyxOAuthAPI {
  const client = useTelnyxAuthClient();
  return useMemo(
    () => (options === undefined ? sharedAPI(client) : createTelnyxOAuthAPI({ ...options, auth: client })),
    [client, options],
  );
}
