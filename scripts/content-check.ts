// npm run content:check [folder] — prints every problem as file:line: message (exit 1 if
// any) and every warning as file:line: warning: message (shown, but the check passes).
import path from "node:path";
import { checkAndCompile } from "#app/content/check.server.ts";
import { formatProblems } from "#app/content/problems.ts";

const folder = process.argv[2] ?? "courses";
const started = Date.now();
const { problems, warnings } = await checkAndCompile(path.resolve(folder));
if (warnings.length) {
  console.warn(formatProblems(warnings, folder, "warning"));
  console.warn(`\n${warnings.length} warning(s) in ${folder}/: keys a trainee could guess without reading.\n`);
}
if (problems.length) {
  console.error(formatProblems(problems, folder));
  console.error(`\n${problems.length} problem(s) in ${folder}/`);
  process.exit(1);
}
console.log(
  `${folder}/ is ${warnings.length ? "valid" : "clean"} (checked in ${((Date.now() - started) / 1000).toFixed(1)} s).`,
);
