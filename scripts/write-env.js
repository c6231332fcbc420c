// Creates .env for a local demo on first setup; never overwrites an existing one.
import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";

if (existsSync(".env")) {
  console.log(".env exists: keeping it.");
} else {
  writeFileSync(
    ".env",
    [
      "# Written by npm run setup. See README.md for every setting.",
      "DATABASE_URL=file:./data/rapport.db",
      `SESSION_SECRET=${randomBytes(32).toString("hex")}`,
      "DEMO_MODE=true",
      "",
    ].join("\n"),
  );
  console.log("Wrote .env (SQLite database in data/, demo mode on).");
}
