/**
 * Says, while the session is read-only, that the first change will ask for permission to change the account
 * (lib/with-scope.ts), so the popup that opens is expected. Renders nothing once the session can write.
 */
import { useHasScope } from '@telnyx-oauth/react';
import { WRITE_SCOPE } from '../lib/with-scope.js';

export function WritePermissionHint() {
  const canWrite = useHasScope(WRITE_SCOPE);
  if (canWrite) return null;
  return (
    <p className="muted small" data-testid="write-permission-hint">
      You signed in with read-only access. The first change you make opens a small Telnyx window asking to
      allow changes to your account (<code>{WRITE_SCOPE}</code>); then the change goes ahead.
    </p>
  );
}
