import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dashboard bundle: everything (code, styles, icons) is bundled into dist/web so that the page
// works offline and never contacts another origin. No web fonts: the page uses the system's fonts
// (Noto Sans CJK on Debian) for Korean.
const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 8192,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `npx vite --config src/web/vite.config.ts` during development: the API comes from a running jaju.
    proxy: { '/api': 'http://127.0.0.1:8080', '/admin': 'http://127.0.0.1:8080' },
  },
});
