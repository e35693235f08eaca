import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Pulls the stand-in images the integration tests build on, once, before any file runs.
    globalSetup: ["test/global-setup.ts"],
    // Integration tests share one real daemon; run files one at a time so they never race for ports.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      // The unit tests share one module graph (no daemon, no state between files): importing the
      // source anew for each of their files was three quarters of their CPU time.
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"], isolate: false } },
      { extends: true, test: { name: "integration", include: ["test/integration/**/*.test.ts"] } },
    ],
  },
});
