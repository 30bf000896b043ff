import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/electron/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time: the CI machine has 2 cores.
          fileParallelism: false,
        },
      },
      {
        // Crash, fuzz and durability proofs (issue 7): minutes, not seconds, so `npm test`
        // leaves them out (`--project=!stress`) and `npm run test:stress` runs them.
        test: {
          name: 'stress',
          include: ['test/stress/**/*.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 120_000,
          // The crash test times its kills and measures itself: keep it alone on the CPU.
          fileParallelism: false,
        },
      },
    ],
  },
});
