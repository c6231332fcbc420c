// Part of `npm run build`: checks the content with every rule of `npm run content:check`
// and, only when it is clean, compiles every lesson in every locale into
// build/content/content.json, so the production server never compiles on a request.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { contentRoot, PRECOMPILED_PATH } from "#app/content/catalog.server.ts";
import { checkAndCompile } from "#app/content/check.server.ts";
import { displayRoot } from "#app/content/dev-problems.server.ts";
import { formatProblems } from "#app/content/problems.ts";

const started = performance.now();
const root = contentRoot();
const { problems, warnings, content, lessonFiles } = await checkAndCompile(root);
if (warnings.length) {
  console.warn(formatProblems(warnings, displayRoot(root), "warning"));
  console.warn(`\n${warnings.length} warning(s): keys a trainee could guess without reading (the build goes on).\n`);
}
if (problems.length) {
  // A content file from an earlier build must not ship beside the new server.
  rmSync(PRECOMPILED_PATH, { force: true });
  console.error(formatProblems(problems, displayRoot(root)));
  console.error(
    `\n${problems.length} problem(s): the build refuses broken content (npm run content:check lists the same). Nothing was precompiled.`,
  );
  process.exit(1);
}
mkdirSync(path.dirname(PRECOMPILED_PATH), { recursive: true });
writeFileSync(PRECOMPILED_PATH, JSON.stringify(content));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `Precompiled ${lessonFiles} lesson files and ${Object.keys(content.quizzes).length} quizzes, ${Object.keys(content.scenarios).length} scenarios from ${content.courses.length} courses in ${seconds} s → ${path.relative(process.cwd(), PRECOMPILED_PATH)}`,
);
