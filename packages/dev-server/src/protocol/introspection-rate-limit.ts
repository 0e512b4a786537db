import { nowMs, type ServerContext } from '../infra/context.js';

/** Whether the call may proceed, and the RateLimit headers to send either way. */
export interface RateLimitDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

/**
 * Fixed-window limit per client on introspection, as Telnyx is reported to do (5 per 60 s). Headers follow
 * the IETF RateLimit header draft plus Retry-After on refusal (RFC 6585 §4).
 */
export function checkIntrospectionLimit(ctx: ServerContext, clientId: string): RateLimitDecision {
  const { limit, windowSeconds } = ctx.config.introspectionRateLimit;
  const now = nowMs(ctx);
  const windowMs = windowSeconds * 1000;
  let window = ctx.state.introspectionWindows.get(clientId);
  if (!window || now - window.startedAt >= windowMs) {
    window = { startedAt: now, count: 0 };
    ctx.state.introspectionWindows.set(clientId, window);
  }
  const resetSeconds = Math.max(1, Math.ceil((window.startedAt + windowMs - now) / 1000));
  const allowed = window.count < limit;
  if (allowed) window.count += 1;
  const headers: Record<string, string> = {
    'RateLimit-Limit': String(limit),
    'RateLimit-Remaining': String(Math.max(0, limit - window.count)),
    'RateLimit-Reset': String(resetSeconds),
  };
  if (!allowed) headers['Retry-After'] = String(resetSeconds);
  return { allowed, headers };
}
