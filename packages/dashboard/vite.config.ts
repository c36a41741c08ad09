// Builds the dashboard into dist/ for the gateway to serve under /ui. Asset names carry a
// content hash, so the gateway can cache them for a year.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/ui/',
  plugins: [react()],
  // Old hashed files are kept (not emptied) so a page that loaded index.html just before a
  // rebuild still finds its assets; `npm run clean` at the root clears dist/.
  build: { outDir: 'dist', emptyOutDir: false, assetsDir: 'assets', chunkSizeWarningLimit: 1024 },
});
