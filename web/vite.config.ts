import { fileURLToPath } from 'node:url';
import { defineConfig, searchForWorkspaceRoot } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

// The Utrecht component library ships all components in one module and sets
// `Component.displayName = '...'` on each; those writes count as side effects, so no
// unused component could be tree-shaken. displayName only serves React DevTools: drop it
// in the library, and the unused components go (about a third of the initial JavaScript).
function dropUtrechtDisplayNames(): Plugin {
  return {
    name: 'kansrijk-drop-utrecht-display-names',
    apply: 'build',
    transform(code, id) {
      if (!id.includes('/node_modules/@utrecht/')) return null;
      const out = code.replace(/^[ \t]*[A-Za-z_$][\w$]*\.displayName = (['"])[^'"\n]*\1;?[ \t]*$/gm, '');
      return out === code ? null : { code: out, map: null };
    },
  };
}

// The kansrijk binary serves dist/: hashed files under /assets/ are cached immutable,
// index.html is no-cache. The CSP forbids inline scripts, so nothing may be inlined as JS.
export default defineConfig({
  plugins: [react(), dropUtrechtDisplayNames()],
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
    // The message catalogue lives at the repository root (data/messages), shared with the server;
    // the build bundles it on import, the dev server must be allowed to read it.
    fs: { allow: [searchForWorkspaceRoot(process.cwd()), fileURLToPath(new URL('../data/messages', import.meta.url))] },
  },
});
