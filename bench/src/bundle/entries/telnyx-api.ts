// The Telnyx OAuth API client on its own entry point, everything it exports.
export * from '@telnyx-oauth/core/api';
