import type { NextConfig } from 'next';

// Only inside this repository: the workspace packages export their TypeScript sources, whose imports end in
// `.js` (NodeNext style). Next compiles them (transpilePackages) with webpack, told that `./x.js` may be
// `./x.ts(x)`; Turbopack cannot map those yet. An app that installs @telnyx-oauth/react from npm gets
// compiled JavaScript and needs none of this (and may build with Turbopack).
const config: NextConfig = {
  transpilePackages: ['@telnyx-oauth/react', '@telnyx-oauth/core'],
  webpack(webpackConfig: { resolve: { extensionAlias?: Record<string, string[]> } }) {
    webpackConfig.resolve.extensionAlias = { '.js': ['.ts', '.tsx', '.js'] };
    return webpackConfig;
  },
};

export default config;
