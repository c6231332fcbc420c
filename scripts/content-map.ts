// npm run content:map [folder] — writes docs/curriculum.md from courses/topics.yml and the
// content (app/content/curriculum-map.server.ts). Writes nothing while the content or the
// topic list has problems; app/content/curriculum-map.server.test.ts fails when it is stale.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { CURRICULUM_MAP, mapCurriculum } from "#app/content/curriculum-map.server.ts";
import { formatProblems } from "#app/content/problems.ts";

const folder = process.argv[2] ?? "courses";
const { problems, markdown } = mapCurriculum(path.resolve(folder));
if (problems.length || markdown === null) {
  console.error(formatProblems(problems, folder));
  console.error(`\n${problems.length} problem(s) in ${folder}/: ${CURRICULUM_MAP} was not written.`);
  process.exit(1);
}
writeFileSync(CURRICULUM_MAP, markdown);
console.log(`Wrote ${CURRICULUM_MAP} from ${folder}/topics.yml.`);
