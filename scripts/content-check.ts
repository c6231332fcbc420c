// npm run content:check [folder] — prints every problem as file:line: message; exit 1 if any.
import path from "node:path";
import { checkContent } from "#app/content/check.server.ts";
import { checkCurriculumMap, CURRICULUM_MAP } from "#app/content/curriculum-map.server.ts";
import { formatProblems } from "#app/content/problems.ts";

const folder = process.argv[2] ?? "courses";
const started = Date.now();
const problems = await checkContent(path.resolve(folder));
// docs/curriculum.md maps the shipped courses only; another folder (a fixture, an
// organisation's own content) has no map to keep current.
const shipped = path.resolve(folder) === path.resolve("courses");
const mapProblems = shipped ? checkCurriculumMap(folder, CURRICULUM_MAP) : [];
if (problems.length || mapProblems.length) {
  if (problems.length) console.error(formatProblems(problems, folder));
  for (const p of mapProblems) console.error(`${p.file}:${p.line}: ${p.message}`);
  console.error(`\n${problems.length + mapProblems.length} problem(s) in ${folder}/`);
  process.exit(1);
}
console.log(`${folder}/ is clean (checked in ${((Date.now() - started) / 1000).toFixed(1)} s).`);
