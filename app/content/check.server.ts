// Every rule on every file, with every lesson compiled: `npm run content:check` prints
// what this returns, and `npm run build` refuses to precompile unless it returns nothing.
import { catalogueFromTree, knownTargets, type PrecompiledContent } from "./catalog.server.ts";
import { checkLessonBody, checkLessonTranslation } from "./lessons.server.ts";
import { compileMdx, type CompiledLesson, MdxCompileError } from "./mdx/compile.server.ts";
import { plainText } from "./mdx/metadata.ts";
import { type Problem, sortProblems } from "./problems.ts";
import { readTree } from "./read.server.ts";
import { checkTree, warnTree } from "./rules.server.ts";
import { topicProblems } from "./topics.server.ts";

/** Problems fail the check and the build; warnings (guessable keys) are printed and let it pass. */
export type CheckResult = {
  problems: Problem[];
  warnings: Problem[];
  content: PrecompiledContent;
  lessonFiles: number;
};

export async function checkAndCompile(root: string): Promise<CheckResult> {
  const tree = readTree(root);
  const problems = [...tree.problems, ...checkTree(tree), ...topicProblems(tree)];
  const catalogue = catalogueFromTree(tree);
  const known = knownTargets(tree);
  const code: PrecompiledContent["code"] = {};
  const text: PrecompiledContent["text"] = {};
  let lessonFiles = 0;
  for (const course of tree.courses) {
    for (const lesson of course.lessons) {
      const compiled = new Map<string, CompiledLesson>();
      for (const variant of Object.values(lesson.variants)) {
        try {
          const result = await compileMdx(variant.source);
          compiled.set(variant.locale, result);
          code[`${course.slug}/${lesson.slug}/${variant.locale}`] = result.code;
          text[`${course.slug}/${lesson.slug}/${variant.locale}`] = plainText(result.metadata);
          lessonFiles++;
          problems.push(...checkLessonBody(variant, result.metadata, known));
        } catch (error) {
          if (!(error instanceof MdxCompileError)) throw error;
          problems.push({ file: variant.file, line: error.line, message: `MDX does not compile: ${error.message}` });
        }
      }
      const english = lesson.variants.en;
      const englishCompiled = compiled.get("en");
      if (!english || !englishCompiled) continue;
      for (const variant of Object.values(lesson.variants)) {
        const own = compiled.get(variant.locale);
        if (variant === english || !own) continue;
        problems.push(
          ...checkLessonTranslation(
            { lesson: english, metadata: englishCompiled.metadata },
            { lesson: variant, metadata: own.metadata },
          ),
        );
      }
    }
  }
  return {
    problems: sortProblems(problems),
    warnings: sortProblems(warnTree(tree)),
    content: { ...catalogue, code, text },
    lessonFiles,
  };
}

export async function checkContent(root: string) {
  return (await checkAndCompile(root)).problems;
}
