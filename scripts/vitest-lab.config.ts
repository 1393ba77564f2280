/**
 * The lab's tests (src/lab/*.test.ts) start real redis-server and PostgreSQL processes, so they
 * are not part of the normal unit projects; `npm run check` runs them with this config
 * (`npx vitest run --config scripts/vitest-lab.config.ts`) when the servers are installed.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['src/lab/**/*.test.ts'],
    environment: 'node',
    // One file at a time: the runs measure wall-clock behaviour on a 2-core machine.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
