/** The 32 scopes Telnyx advertises (`scopes_supported`), for the OAuth client form. */
const AREAS = [
  'account_management',
  'ai',
  'edge_compute',
  'enterprise_integrations',
  'fax',
  'messaging',
  'networking',
  'numbers',
  'reporting',
  'speech',
  'storage',
  'verify',
  'video',
  'voice',
  'wireless',
] as const;

export const TELNYX_SCOPES: readonly string[] = [
  ...AREAS.flatMap((area) => [`${area}.read`, `${area}.write`]),
  'authentication_and_access.read',
  'billing.read',
];
