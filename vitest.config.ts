import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// The engine the tests run on: PostgreSQL when DATABASE_URL names a server as `npm test`
// starts (each test file then gets a database of its own there), SQLite files otherwise.
// Recorded apart from DATABASE_URL, which every test file points at its own database.
process.env.TEST_DATABASE_URL = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")
  ? process.env.DATABASE_URL
  : "file:./tests/.tmp/run.db";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    env: { TEST_DATABASE_URL: process.env.TEST_DATABASE_URL },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "app/**/*.test.{ts,tsx}",
            "prisma/**/*.test.ts",
            "scripts/**/*.test.ts",
            "server/**/*.test.ts",
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
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
