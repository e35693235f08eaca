import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Pulls the stand-in images the integration tests build on, once, before any file runs.
    globalSetup: ["test/global-setup.ts"],
    // Integration tests share one real daemon; run files one at a time so they never race for ports.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
