import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server listens on 3000 and serves web/dist itself in production; in development Vite proxies
// to it so the session cookie stays first-party on one origin.
const API_ORIGIN = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: API_ORIGIN },
      '/socket.io': { target: API_ORIGIN, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});
