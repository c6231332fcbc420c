// A production install (`npm ci --omit=dev`) must be able to migrate, run postinstall and
// serve: every package those entry points import, statically or not, is a dependency.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { describe, expect, test } from "vitest";
import { root } from "#tests/setup/paths.ts";

const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The packages an entry point imports, followed through the project's own files. */
async function packagesOf(entry: string) {
  const result = await build({
    entryPoints: [path.join(root, entry)],
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    // The production build is loaded at run time, not part of the source.
    external: ["./build/*"],
    metafile: true,
    write: false,
    outdir: path.join(root, "tests/.tmp/production-dependencies"),
    logLevel: "silent",
  });
  const imports = Object.values(result.metafile.inputs).flatMap((input) =>
    input.imports.filter((i) => i.external && !i.path.startsWith("node:") && !i.path.startsWith("./build/")),
  );
  return new Set(
    imports.map((i) =>
      (i.path.startsWith("@") ? i.path.split("/").slice(0, 2) : i.path.split("/").slice(0, 1)).join("/"),
    ),
  );
}

describe("a production install", () => {
  test("npm run db:migrate (and db:copy) needs only dependencies", async () => {
    const needed = [...(await packagesOf("scripts/db.ts"))];
    expect(needed).toEqual(expect.arrayContaining(["@prisma/schema-engine-wasm", "pg", "better-sqlite3"]));
    expect(needed.filter((name) => !(name in pkg.dependencies))).toEqual([]);
  });

  test("postinstall (npm run db:generate) imports no package at all, and without the Prisma CLI still succeeds", async () => {
    expect([...(await packagesOf("scripts/generate.js"))]).toEqual([]);
    // A tree with no node_modules at all, as far as this script can see.
    const tree = mkdtempSync(path.join(os.tmpdir(), "rapport-production-"));
    try {
      mkdirSync(path.join(tree, "scripts"));
      mkdirSync(path.join(tree, "prisma"));
      copyFileSync(path.join(root, "scripts/generate.js"), path.join(tree, "scripts/generate.js"));
      copyFileSync(path.join(root, "prisma/schema.prisma"), path.join(tree, "prisma/schema.prisma"));
      const out = execFileSync(process.execPath, [path.join(tree, "scripts/generate.js")], { encoding: "utf8" });
      expect(out).toContain("Prisma CLI not installed (production install)");
      expect(readFileSync(path.join(tree, "prisma/postgresql/schema.prisma"), "utf8")).toMatch(
        /provider = "postgresql"/,
      );
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });

  test("the server needs only dependencies, except Vite for the development server", async () => {
    const needed = [...(await packagesOf("server.js"))];
    expect(needed).toContain("express");
    expect(needed.filter((name) => !(name in pkg.dependencies))).toEqual(["vite"]);
    // Vite is imported only when NODE_ENV is not production.
    expect(readFileSync(path.join(root, "server.js"), "utf8")).toMatch(
      /MODE === "production"\s*\?\s*undefined\s*:\s*await import\("vite"\)/,
    );
  });

  test("the scripts a deploy runs start with what a production install has", () => {
    expect(pkg.scripts["db:migrate"]).toBe("tsx scripts/db.ts migrate");
    expect(pkg.scripts.postinstall).toBe("npm run db:generate");
    expect(pkg.scripts["db:generate"]).toBe("node scripts/generate.js");
    expect(pkg.scripts.start).toBe("NODE_ENV=production node server.js");
    expect(pkg.dependencies).toHaveProperty("tsx");
  });
});
