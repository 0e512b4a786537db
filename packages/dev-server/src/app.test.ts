import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from './app.js';
import { createDevServer } from './server.js';
import { bearer } from './test-utils/flow.js';

const big = 'a'.repeat(MAX_BODY_BYTES + 1);

describe('bad input never crashes the server', () => {
  it('answers 413 in RFC 6749 shape on protocol endpoints', async () => {
    const response = await createDevServer().fetch('/v2/oauth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=${big}`,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('answers 413 in the Telnyx envelope on the management API', async () => {
    const server = createDevServer();
    const response = await server.fetch('/v2/oauth_clients', {
      method: 'POST',
      headers: { ...bearer(server.seed.user.apiKey), 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: big }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: Array<{ title: string }> }).errors[0]?.title).toBe(
      'Payload too large',
    );
  });

  it('answers 413 for an oversized streamed body without Content-Length', async () => {
    const chunk = new TextEncoder().encode(big);
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(chunk);
        controller.close();
      },
    });
    const response = await createDevServer().fetch('/v2/oauth/register', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('answers unknown paths and wrong methods with a 404 envelope', async () => {
    const server = createDevServer();
    for (const [method, path] of [
      ['GET', '/v2/nothing'],
      ['GET', '/v2/oauth/token'],
      ['PATCH', '/v2/oauth_clients/telnyx-oauth-demo'],
    ] as const) {
      const response = await server.fetch(path, { method, headers: bearer(server.seed.user.apiKey) });
      expect(response.status).toBe(404);
      expect(await response.json()).toHaveProperty('errors');
    }
  });

  it('survives binary garbage as a form body', async () => {
    const response = await createDevServer().fetch('/v2/oauth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new Uint8Array([0xff, 0xfe, 0x00, 0x25, 0x25]),
    });
    expect(response.status).toBe(400);
  });
});
