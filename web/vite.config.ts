import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The API server listens on 3000 and serves web/dist itself in production; in development Vite proxies
// to it so the session cookie stays first-party on one origin.
const API_ORIGIN = 'http://localhost:3000';

/**
 * Writes `file.br` and `file.gz` beside every script, style sheet and SVG of the build, so the server
 * sends compressed assets without compressing per request (server/src/http/static-web.ts).
 */
function precompress(): Plugin {
  return {
    name: 'lastmeter-precompress',
    apply: 'build',
    closeBundle() {
      const assets = join(import.meta.dirname, 'dist/assets');
      for (const name of readdirSync(assets)) {
        if (!/\.(js|css|svg|json)$/.test(name)) continue;
        const path = join(assets, name);
        const content = readFileSync(path);
        if (statSync(path).size < 1024) continue;
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(content, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 11,
              [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
            },
          }),
        );
        writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress()],
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
    // maplibre-gl alone is ~1 MB before compression; it loads only with the dispatcher's map.
    chunkSizeWarningLimit: 1200,
  },
});
