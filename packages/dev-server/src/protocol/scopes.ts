/**
 * The 32 scopes Telnyx advertises in `scopes_supported`: 15 areas with `.read` and `.write`, plus two
 * read-only scopes. Names and descriptions are ours (Telnyx does not publish them) and only feed the
 * consent page and the consent JSON.
 */
const AREAS: ReadonlyArray<readonly [id: string, label: string]> = [
  ['account_management', 'Account management'],
  ['ai', 'AI'],
  ['edge_compute', 'Edge compute'],
  ['enterprise_integrations', 'Enterprise integrations'],
  ['fax', 'Fax'],
  ['messaging', 'Messaging'],
  ['networking', 'Networking'],
  ['numbers', 'Numbers'],
  ['reporting', 'Reporting'],
  ['speech', 'Speech'],
  ['storage', 'Storage'],
  ['verify', 'Verify'],
  ['video', 'Video'],
  ['voice', 'Voice'],
  ['wireless', 'Wireless'],
];

/** A scope with the name and description the consent page shows. */
export interface ScopeInfo {
  id: string;
  name: string;
  description: string;
}

/** Every scope Telnyx advertises, described. */
export const SCOPE_CATALOG: readonly ScopeInfo[] = [
  ...AREAS.flatMap(([id, label]) => [
    { id: `${id}.read`, name: `${label} (read)`, description: `View your ${label.toLowerCase()} resources.` },
    {
      id: `${id}.write`,
      name: `${label} (write)`,
      description: `Create, change and delete your ${label.toLowerCase()} resources.`,
    },
  ]),
  {
    id: 'authentication_and_access.read',
    name: 'Authentication and access (read)',
    description: 'View your API keys, OAuth clients and access settings.',
  },
  {
    id: 'billing.read',
    name: 'Billing (read)',
    description: 'View your balance, invoices and payment history.',
  },
];

/** The ids of `SCOPE_CATALOG`, in order. */
export const ALL_SCOPES: readonly string[] = SCOPE_CATALOG.map((scope) => scope.id);

const KNOWN = new Set(ALL_SCOPES);

/** Whether Telnyx advertises this scope. */
export function isKnownScope(scope: string): boolean {
  return KNOWN.has(scope);
}

/** The catalog entry, or the bare id for an unknown scope. */
export function describeScope(scope: string): ScopeInfo {
  return SCOPE_CATALOG.find((info) => info.id === scope) ?? { id: scope, name: scope, description: scope };
}

/** RFC 6749 §3.3: scope is a space-delimited list; order and duplicates carry no meaning. */
export function parseScope(value: string): string[] {
  return [...new Set(value.split(' ').filter((part) => part.length > 0))];
}
