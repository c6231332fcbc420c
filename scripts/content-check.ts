// npm run content:check [folder] — prints every problem as file:line: message; exit 1 if any.
import path from "node:path";
import { checkContent } from "#app/content/check.server.ts";
import { formatProblems } from "#app/content/problems.ts";

const folder = process.argv[2] ?? "courses";
const started = Date.now();
const problems = await checkContent(path.resolve(folder));
if (problems.length) {
  console.error(formatProblems(problems, folder));
  console.error(`\n${problems.length} problem(s) in ${folder}/`);
  process.exit(1);
}
console.log(`${folder}/ is clean (checked in ${((Date.now() - started) / 1000).toFixed(1)} s).`);
