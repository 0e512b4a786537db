'use client';
export { MockTelnyxAuthProvider, type MockTelnyxAuthProviderProps } from './mock-provider.js';
export {
  createMockTelnyxAuth,
  type MockTelnyxAuth,
  type MockTelnyxAuthCalls,
  type MockTelnyxAuthOptions,
} from './mock-auth.js';
export {
  mockAuthState,
  DEFAULT_MOCK_ACCESS_TOKEN,
  type MockAuthState,
  type MockSessionOverrides,
} from './mock-auth-state.js';
