import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// 127.0.0.1:4180 is this example's origin; its /callback must be a registered redirect URI of the client.
export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 4180, strictPort: true },
  preview: { host: '127.0.0.1', port: 4180, strictPort: true },
});
