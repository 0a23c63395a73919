import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['*.test.ts'], globalSetup: ['./global-setup.ts'], testTimeout: 15_000 },
});
