/**
 * The example apps under apps/ (the README's router recipes made real) and the fixed ports their production
 * builds are served on. playwright.config.ts starts one server per entry; e2e/examples.spec.ts signs in to each.
 */
export interface ExampleApp {
  /** Folder under apps/ and the workspace package `@telnyx-oauth/<name>`. */
  name: string;
  title: string;
  origin: string;
  /** Serves the production build (run after `build`). */
  start: string;
}

export const EXAMPLE_APPS: readonly ExampleApp[] = [
  {
    name: 'example-react-router',
    title: 'react-router',
    origin: 'http://127.0.0.1:4180',
    start: 'pnpm --filter @telnyx-oauth/example-react-router preview',
  },
  {
    name: 'example-tanstack-router',
    title: 'TanStack Router',
    origin: 'http://127.0.0.1:4181',
    start: 'pnpm --filter @telnyx-oauth/example-tanstack-router preview',
  },
  {
    name: 'example-next',
    title: 'Next.js App Router',
    origin: 'http://127.0.0.1:4182',
    start: 'pnpm --filter @telnyx-oauth/example-next start',
  },
];
