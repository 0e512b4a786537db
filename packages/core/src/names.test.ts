/**
 * The exact strings other tabs, other versions of the library and stored sessions are found by. A rename here is
 * a breaking change (every stored session orphaned, or two tabs refreshing at once across a deploy): this test
 * must be changed deliberately, never to make a refactor pass.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL } from './api/client.js';
import {
  callbackLockName,
  channelName,
  DEFAULT_ISSUER,
  IDB_DATABASE,
  IDB_STORE,
  popupChannelName,
  refreshLockName,
  storageKeys,
  storageLockName,
} from './names.js';
import { resolveOptions } from './options.js';

const ISSUER = 'https://api.telnyx.com';
const CLIENT = 'client-123';

describe('names', () => {
  it('keeps the stored-session, transaction and discovery keys', () => {
    const keys = storageKeys(ISSUER, CLIENT);
    expect(keys.session).toBe('telnyx-oauth:https://api.telnyx.com:client-123:session');
    expect(keys.transactionPrefix).toBe('telnyx-oauth:https://api.telnyx.com:client-123:tx:');
    expect(keys.transaction('abc')).toBe('telnyx-oauth:https://api.telnyx.com:client-123:tx:abc');
    expect(keys.discovery).toBe('telnyx-oauth:https://api.telnyx.com:discovery');
  });

  it('keeps the IndexedDB database and store', () => {
    expect(IDB_DATABASE).toBe('telnyx-oauth');
    expect(IDB_STORE).toBe('keyval');
  });

  it('keeps the lock and channel names', () => {
    expect(refreshLockName(ISSUER, CLIENT)).toBe('telnyx-oauth:refresh:https://api.telnyx.com:client-123');
    expect(channelName(ISSUER, CLIENT)).toBe('telnyx-oauth:https://api.telnyx.com:client-123');
    expect(callbackLockName(ISSUER, CLIENT, 'abc')).toBe(
      'telnyx-oauth:callback:https://api.telnyx.com:client-123:abc',
    );
    expect(storageLockName('k')).toBe('telnyx-oauth:storage:k');
    expect(popupChannelName(ISSUER, CLIENT, 'abc')).toBe(
      'telnyx-oauth:popup:https://api.telnyx.com:client-123:abc',
    );
  });

  it('has one default Telnyx host for the sign-in client and the API client', () => {
    expect(DEFAULT_ISSUER).toBe('https://api.telnyx.com');
    expect(DEFAULT_BASE_URL).toBe(DEFAULT_ISSUER);
    expect(resolveOptions({ clientId: CLIENT, redirectUri: 'https://app.example/cb' }).issuer).toBe(
      DEFAULT_ISSUER,
    );
  });
});
