import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// `base: './'` keeps every asset URL relative, so the built app works from any static-host
// sub-path (GitHub Pages, a workshop USB stick). Routing is hash-based for the same reason.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'engine',
          environment: 'node',
          include: ['src/sim/**/*.test.ts', 'src/cli/**/*.test.ts', 'src/worker/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          environment: 'jsdom',
          include: ['src/{app,ui,features,store}/**/*.test.{ts,tsx}'],
        },
      },
    ],
  },
});
