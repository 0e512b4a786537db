/**
 * A fetch that answers from a script, one entry per call, and records every request it saw.
 * Entries: a Response factory, an Error to throw (a dropped connection), or 'hang' (never answers until
 * the request's signal aborts, like a server that stopped talking).
 */
export type ScriptEntry = (() => Response) | Error | 'hang';

export interface RecordedRequest {
  url: URL;
  method: string;
  headers: Headers;
  body: string | undefined;
  redirect: RequestRedirect | undefined;
}

export interface ScriptedFetch {
  fetch: typeof fetch;
  requests: RecordedRequest[];
}

export function scriptedFetch(...script: ScriptEntry[]): ScriptedFetch {
  const requests: RecordedRequest[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    requests.push({
      url: new URL(String(input)),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? init.body : undefined,
      redirect: init.redirect,
    });
    const entry = script[requests.length - 1];
    if (entry === undefined)
      throw new Error(`scriptedFetch: unexpected request #${requests.length} to ${input}`);
    if (entry instanceof Error) throw entry;
    if (entry === 'hang') {
      return new Promise<Response>((_, reject) => {
        const signal = init.signal;
        if (signal?.aborted) reject(signal.reason);
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    }
    return entry();
  };
  return { fetch: fetchImpl as typeof fetch, requests };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): () => Response {
  return () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
}

export function empty(status: number, headers: Record<string, string> = {}): () => Response {
  return () => new Response(null, { status, headers });
}

/** A fetch that fails the test if anything is sent (validation must stop requests first). */
export function forbiddenFetch(): ScriptedFetch {
  return scriptedFetch();
}

/** Records the delays asked of `sleep` and returns at once. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (ms: number) => {
      delays.push(ms);
    },
  };
}
