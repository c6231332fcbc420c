// Broken content in development: the terminal prints the problems with their files, and
// the page that needs the content shows them (file, line, message, the source around it)
// instead of a 404 or a 500. Production never gets here: the build refuses broken content,
// and a server without a build logs the problems and shows its usual pages, never source.
import { readFileSync } from "node:fs";
import path from "node:path";
import { data } from "@remix-run/node";
import { type ContentProblemsData, formatProblems, type Problem, sortProblems } from "./problems.ts";

type ProblemWithSource = ContentProblemsData["contentProblems"][number];

const EXCERPT = 2;

function withSource(root: string, problem: Problem): ProblemWithSource {
  let lines: string[] = [];
  try {
    lines = readFileSync(path.join(root, problem.file), "utf8").split(/\r?\n/);
  } catch {
    // A missing file (course.yml not written yet) has no source to show.
  }
  const from = Math.max(1, problem.line - EXCERPT);
  const to = Math.min(lines.length, problem.line + EXCERPT);
  const source = [];
  for (let line = from; line <= to; line++) source.push({ line, text: (lines[line - 1] ?? "").slice(0, 300) });
  return { ...problem, source };
}

/** The content folder as the author knows it: relative to the project, absolute when outside it. */
export function displayRoot(root: string) {
  const relative = path.relative(process.cwd(), root);
  return relative.startsWith("..") ? root : relative || ".";
}

/** What was last printed per scope: the whole tree, or one lesson's compile. */
const lastPrinted = new Map<string, string>();

/**
 * Prints the problems of a scope once each time they change, and says when they are gone.
 * Tests stay quiet (a test that logs an error fails).
 */
export function reportToTerminal(problems: Problem[], root: string, scope = "content") {
  if (process.env.NODE_ENV === "test") return;
  const text = problems.length ? formatProblems(problems, displayRoot(root)) : "";
  const before = lastPrinted.get(scope) ?? "";
  if (text === before) return;
  if (text) console.error(`\nContent problems (${problems.length}):\n${text}\n`);
  else console.log(`Content problems fixed (${scope === "content" ? displayRoot(root) : scope}): clean again.`);
  lastPrinted.set(scope, text);
}

/** In development, a page whose content has problems shows them. */
export function showProblems(problems: Problem[], root: string) {
  if (problems.length === 0 || process.env.NODE_ENV !== "development") return;
  const payload: ContentProblemsData = {
    root: displayRoot(root),
    contentProblems: sortProblems(problems).map((p) => withSource(root, p)),
  };
  throw data(payload, { status: 500, statusText: "Content problems" });
}
