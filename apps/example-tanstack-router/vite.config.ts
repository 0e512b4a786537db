import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// 127.0.0.1:4181 is this example's origin; its /callback must be a registered redirect URI of the client.
export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 4181, strictPort: true },
  preview: { host: '127.0.0.1', port: 4181, strictPort: true },
});
