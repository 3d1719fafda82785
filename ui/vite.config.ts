/// <reference types="vitest/config" />
// Vite build of the drieluik web UI: `npm run build` writes ui/dist, which
// `drieluik serve --ui ui/dist` serves on the API's port (no second server).
// `npm run dev` proxies /api to a running server on DRIELUIK_API (default :8080).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1024 },
  server: {
    proxy: { '/api': process.env.DRIELUIK_API ?? 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
