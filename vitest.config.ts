import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs nothing running; `integration` starts the real test bed once
// (or reuses one that is already up) through the global setup, and stops what it started.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}', 'test/component/**/*.test.{ts,tsx}'],
          // Ink draws only a final frame when it thinks it runs in CI (is-in-ci reads CI at import). The components are
          // tested as an operator's terminal shows them, whether or not the test run itself is in CI.
          env: { CI: 'false', CONTINUOUS_INTEGRATION: 'false' },
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.{ts,tsx}'],
          globalSetup: ['test/testbed/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
