import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { routeTable } from './scripts/route-table-plugin.ts';

// `base: './'` keeps every asset URL relative, so the built app works from any static-host
// sub-path (GitHub Pages, a workshop USB stick). Routing is hash-based for the same reason.
export default defineConfig({
  base: './',
  plugins: [
    react(),
    // What each route loads, for the size budgets (dist/.vite/routes.json).
    routeTable({
      sections: 'src/app/sections.ts',
      subPages: ['src/features/study/study-page.tsx'],
    }),
    // Offline PWA for workshops with bad wifi: the service worker precaches the app shell and every
    // chunk (route chunks, the engine worker, styles, icons) at the first visit, so a reload with no
    // network still works. Registration is an external script (`registerSW.js`), so the strict CSP
    // needs no inline script. Hash routes mean every navigation is `index.html`.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script',
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'Cachescope — learn caching by watching it happen',
        short_name: 'Cachescope',
        description:
          'A deterministic simulation of app servers, a Redis-like cache and a database, for studying and teaching caching.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#f6f7f9',
        theme_color: '#0b5cad',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: 'icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      },
    }),
  ],
  worker: { format: 'es' },
  // The manifest lets scripts/size-budget.mjs follow each route's chunks (not precached: .json).
  build: { target: 'es2022', sourcemap: true, manifest: true },
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
