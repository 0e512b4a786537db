import { act, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { createMockTelnyxAuth, mockAuthState, MockTelnyxAuthProvider } from './testing/index.js';
import { useHasScope } from './use-has-scope.js';

const READ = 'account_management.read';
const WRITE = 'account_management.write';

describe('useHasScope', () => {
  it('says whether the session holds every scope asked about, and re-renders only when that changes', async () => {
    const mock = createMockTelnyxAuth(mockAuthState.loading());
    let renders = 0;
    function Probe() {
      renders += 1;
      return (
        <p>{`${useHasScope(WRITE) ? 'write' : 'no write'} ${useHasScope([READ, WRITE]) ? 'both' : ''}`}</p>
      );
    }
    render(
      <StrictMode>
        <MockTelnyxAuthProvider client={mock}>
          <Probe />
        </MockTelnyxAuthProvider>
      </StrictMode>,
    );
    expect(screen.getByText('no write')).toBeTruthy(); // loading
    act(() => mock.setState(mockAuthState.authenticated({ scope: [READ] })));
    expect(screen.getByText('no write')).toBeTruthy();
    const before = renders;
    act(() => mock.setState(mockAuthState.authenticated({ scope: [READ], expiresAt: 123 }))); // a refresh
    expect(renders).toBe(before);
    act(() => mock.setState(mockAuthState.authenticated({ scope: [READ, WRITE] })));
    expect(screen.getByText('write both')).toBeTruthy();
    act(() => mock.setState(mockAuthState.unauthenticated('logout')));
    expect(screen.getByText('no write')).toBeTruthy();
  });

  it('reads a space-separated string like an array', () => {
    function Probe() {
      return <p>{useHasScope(`${READ} ${WRITE}`) ? 'both' : 'not both'}</p>;
    }
    render(
      <MockTelnyxAuthProvider state={mockAuthState.authenticated({ scope: [READ, WRITE] })}>
        <Probe />
      </MockTelnyxAuthProvider>,
    );
    expect(screen.getByText('both')).toBeTruthy();
  });
});
