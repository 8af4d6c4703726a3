import { defineConfig } from 'vite';

// The explorer lives under explorer/; its build is fleshed out with the explorer itself.
export default defineConfig({
  root: 'explorer',
  build: { outDir: '../dist/explorer', emptyOutDir: true },
});
