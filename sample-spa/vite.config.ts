// Builds the two pages of the sample SPA: the code-flow app (index.html) and the legacy implicit-flow page (legacy.html).
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        legacy: resolve(import.meta.dirname, 'legacy.html'),
      },
    },
  },
});
