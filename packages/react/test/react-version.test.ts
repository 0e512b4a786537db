import { version } from 'react';
import { version as domVersion } from 'react-dom';
import { expect, it } from 'vitest';

// Guards the package's two Vitest projects (React 19 and React 18) against silently testing one React twice.
it('runs on the React major its Vitest project is configured for', () => {
  expect(version.split('.')[0]).toBe(process.env.EXPECTED_REACT_MAJOR);
  expect(domVersion).toBe(version);
});
