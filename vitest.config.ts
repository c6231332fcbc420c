import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "app/**/*.test.{ts,tsx}",
            "prisma/**/*.test.ts",
            "scripts/**/*.test.ts",
            "tests/integration/**/*.test.ts",
          ],
          globalSetup: ["tests/setup/global-setup.ts"],
          setupFiles: ["tests/setup/setup-test-env.ts"],
          environment: "node",
          // The unit project shares two cores with the browser tests; bcrypt-heavy tests need room.
          testTimeout: 30_000,
          // Some suites read the whole courses/ tree before their tests: 12 s at a load of 26.
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/setup/e2e-server.ts"],
          // One browser, one server: files share them, so run them one after another.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
