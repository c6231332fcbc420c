// Part of `npm run build`: compiles every lesson in every locale into
// build/content/content.json, so the production server never compiles on a request.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  contentRoot,
  courseMetaFromTree,
  PRECOMPILED_PATH,
  type PrecompiledContent,
  quizzesFromTree,
} from "#app/courses/catalog.server.ts";
import { formatProblems } from "#app/courses/check.server.ts";
import { compileMdx } from "#app/courses/compile.server.ts";
import { readContentTree } from "#app/courses/content.server.ts";
import { readLadder } from "#app/ladder/content.server.ts";
import { scenariosFromRoot } from "#app/scenarios/catalog.server.ts";

const started = performance.now();
const root = contentRoot();
const tree = readContentTree(root);
if (tree.problems.length) {
  console.error(formatProblems(tree.problems, path.relative(process.cwd(), root)));
  console.error("\nThe content has problems (npm run content:check lists them all); nothing was precompiled.");
  process.exit(1);
}
const code: PrecompiledContent["code"] = {};
let count = 0;
for (const course of tree.courses) {
  for (const lesson of course.lessons) {
    for (const [locale, variant] of Object.entries(lesson.variants)) {
      if (!variant) continue;
      code[`${course.slug}/${lesson.slug}/${locale}`] = (await compileMdx(variant.source)).code;
      count++;
    }
  }
}
const content: PrecompiledContent = {
  courses: courseMetaFromTree(tree),
  code,
  quizzes: quizzesFromTree(tree),
  scenarios: scenariosFromRoot(root),
  ladder: readLadder(root, []),
};
mkdirSync(path.dirname(PRECOMPILED_PATH), { recursive: true });
writeFileSync(PRECOMPILED_PATH, JSON.stringify(content));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `Precompiled ${count} lesson files and ${Object.keys(content.quizzes).length} quizzes, ${Object.keys(content.scenarios).length} scenarios from ${tree.courses.length} courses in ${seconds} s → ${path.relative(process.cwd(), PRECOMPILED_PATH)}`,
);
