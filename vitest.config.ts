import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/global-setup.ts'],
    // Workflow tests wait on a real Temporal server under the compressed statute profile.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // One test file at a time. Each file runs its own worker beside the shared Temporal server and
    // PostgreSQL, and every write of a process is an activity's round trip (workflows/shared/effect-mode.ts):
    // two files at once on two cores made acts slow enough to overtake the compressed periods tests
    // are built on. The suite takes longer (well inside CI's 90 minutes), and its waits stay honest.
    poolOptions: { forks: { maxForks: 1, minForks: 1 } },
    reporters: ['default'],
  },
});
