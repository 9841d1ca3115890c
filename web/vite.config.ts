import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The kansrijk binary serves dist/: hashed files under /assets/ are cached immutable,
// index.html is no-cache. The CSP forbids inline scripts, so nothing may be inlined as JS.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
    // Reports the gzipped size of every chunk; `npm run size` sums the initial ones.
    reportCompressedSize: true,
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
