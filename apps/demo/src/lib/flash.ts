/**
 * A one-shot message carried across one navigation (e.g. "Client created" on the next page). Kept in
 * memory only: it may hold a new client's secret, which must not land in storage or the URL.
 */
import { useEffect, useState } from 'react';

export interface Flash {
  message: string;
  /** A confidential client's secret, shown once right after creation. */
  secret?: string;
}

let pending: Flash | null = null;

export function setFlash(flash: Flash): void {
  pending = flash;
}

/** The pending flash, read once per mount and then cleared (StrictMode-safe: cleared in an effect). */
export function useFlash(): Flash | null {
  const [flash] = useState(() => pending);
  useEffect(() => {
    if (pending === flash) pending = null;
  }, [flash]);
  return flash;
}
