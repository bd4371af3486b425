import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The agent UI lives in web/ and is built into dist/web, which Braid serves
// (with an index.html fallback for client-side routes). In development the Vite
// server forwards API, webhook and sandbox traffic to a Braid started with `npm run dev`.
const braid = process.env.BRAID_DEV_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across upgrades.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'libs', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: braid, changeOrigin: false },
      '/webhooks': { target: braid, changeOrigin: false },
      // Only the simulated platform's API and Graph endpoints: /sandbox itself is a page of this app.
      '/sandbox/api': { target: braid, changeOrigin: false },
      '/sandbox/graph': { target: braid, changeOrigin: false },
    },
  },
});
