import { Hono } from 'hono';
import { requireUser, type CallerVariables } from './bearer-auth.js';
import type { ServerContext } from '../infra/context.js';
import { TELNYX_CODES, telnyxError, telnyxErrorItem } from './telnyx-errors.js';
import { json } from '../infra/http.js';
import { paginate, parsePage, unknownFilter } from './pagination.js';
import { revokeGrant, type GrantRecord } from '../infra/state.js';
import { grantView, newestFirst } from './views.js';

function grantNotFound(id: string): Response {
  return telnyxError(404, [
    telnyxErrorItem(TELNYX_CODES.notFound, 'Resource not found', `No OAuth grant '${id}'.`),
  ]);
}

/** /v2/oauth_grants: the apps the user has authorized ("connected apps"). */
export function oauthGrantRoutes(ctx: ServerContext): Hono<{ Variables: CallerVariables }> {
  const app = new Hono<{ Variables: CallerVariables }>();
  app.use('/v2/oauth_grants', requireUser(ctx));
  app.use('/v2/oauth_grants/*', requireUser(ctx));

  const owned = (id: string, userId: string): GrantRecord | undefined => {
    const grant = ctx.state.grants.get(id);
    return grant && grant.user_id === userId ? grant : undefined;
  };

  app.get('/v2/oauth_grants', (c) => {
    const query = new URL(c.req.url).searchParams;
    const page = parsePage(query);
    if (page instanceof Response) return page;
    const unknown = unknownFilter(query, []);
    if (unknown) return unknown;
    const userId = c.get('caller').userId;
    const grants = [...ctx.state.grants.values()].filter((grant) => grant.user_id === userId);
    const { data, meta } = paginate(
      newestFirst(grants, (grant) => grant.id),
      page,
    );
    return json({ data: data.map(grantView), meta });
  });

  app.get('/v2/oauth_grants/:id', (c) => {
    const grant = owned(c.req.param('id'), c.get('caller').userId);
    return grant ? json({ data: grantView(grant) }) : grantNotFound(c.req.param('id'));
  });

  // Revoking a grant revokes every token issued under it.
  app.delete('/v2/oauth_grants/:id', (c) => {
    const grant = owned(c.req.param('id'), c.get('caller').userId);
    if (!grant) return grantNotFound(c.req.param('id'));
    revokeGrant(ctx.state, grant.id);
    return json({ data: grantView(grant) });
  });
  return app;
}
