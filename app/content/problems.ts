// A problem is a file, a line and a sentence for the author. Every rule of every content
// kind ends here, so the checker, the build and the dev page print the same list.
import { z } from "zod";
import { type Path } from "./yaml.ts";

export type Problem = { file: string; line: number; message: string };

export function sortProblems(problems: Problem[]) {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

export function formatProblems(problems: Problem[], root: string, kind: "problem" | "warning" = "problem") {
  const prefix = kind === "warning" ? "warning: " : "";
  return sortProblems(problems)
    .map((p) => `${root}/${p.file}:${p.line}: ${prefix}${p.message}`)
    .join("\n");
}

/** Problems of one file, pointed at by a path into its YAML (or frontmatter). */
export class FileProblems {
  readonly list: Problem[] = [];
  constructor(
    readonly file: string,
    private readonly lineAt: (path: Path) => number,
  ) {}

  at(path: Path, message: string) {
    const line = this.lineAt(path);
    if (!this.list.some((p) => p.line === line && p.message === message))
      this.list.push({ file: this.file, line, message });
  }

  get empty() {
    return this.list.length === 0;
  }

  /**
   * A schema's issues as problems. A misspelt key is one problem ("did you mean"), not an
   * unknown key plus a missing one.
   */
  fromIssues(issues: z.core.$ZodIssue[], where: (path: Path) => string = () => "") {
    const unknown: Array<{ path: Path; key: string }> = [];
    const missing: Array<{ path: Path; key: string; message: string }> = [];
    const rest: Array<{ path: Path; message: string }> = [];
    for (const issue of issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) unknown.push({ path: issue.path, key });
      } else if (issue.code === "invalid_type" && issue.input === undefined && issue.path.length > 0) {
        missing.push({ path: issue.path.slice(0, -1), key: String(issue.path.at(-1)), message: issue.message });
      } else {
        // The schemas' own rules already say which question or step they are about.
        const context = issue.code === "custom" ? "" : where(issue.path);
        rest.push({ path: issue.path, message: context ? `${context}: ${issue.message}` : issue.message });
      }
    }
    const same = (a: Path, b: Path) => a.length === b.length && a.every((s, i) => String(s) === String(b[i]));
    for (const { path, key } of unknown) {
      const meant = missing.findIndex((m) => same(m.path, path) && closeTo(m.key, key));
      const hint = meant >= 0 ? missing.splice(meant, 1)[0] : undefined;
      this.at([...path, key], hint ? `unknown key "${key}": did you mean "${hint.key}"?` : `unknown key "${key}"`);
    }
    for (const m of missing) {
      const context = where([...m.path, m.key]);
      this.at(m.path, context ? `${context}: ${m.message}` : m.message);
    }
    for (const r of rest) this.at(r.path, r.message);
  }
}

/** Two words one or two edits apart (a typo), by Levenshtein distance. */
export function closeTo(a: string, b: string) {
  if (Math.abs(a.length - b.length) > 2) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return (previous[b.length] ?? 3) <= 2;
}

const labels: Record<string, string> = {
  questions: "question",
  options: "option",
  items: "item",
  steps: "step",
  replies: "reply",
  branches: "branch",
  endings: "ending",
  conversations: "conversation",
  requiredActions: "required action",
  articles: "article",
  rubric: "rubric criterion",
  levels: "level",
  tracks: "track",
  behaviours: "behaviour",
};

/** "question \"parts\"", "step \"opening\", reply \"a\"": which item of which list a path is in. */
export function contextOf(value: unknown, path: Path) {
  const parts: string[] = [];
  let node = value;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (typeof node !== "object" || node === null || segment === undefined) break;
    const next: unknown = Reflect.get(node, segment);
    const label = typeof segment === "string" ? labels[segment] : undefined;
    const index = path[i + 1];
    if (label && Array.isArray(next) && typeof index === "number" && i + 1 < path.length) {
      const item: unknown = next[index];
      parts.push(
        typeof item === "object" && item !== null && "id" in item
          ? `${label} "${String(item.id)}"`
          : `${label} ${index + 1}`,
      );
    }
    node = next;
  }
  return parts.join(", ");
}

/** What a development page shows for broken content (dev-problems.server.ts sends it). */
export const contentProblemsData = z.object({
  root: z.string(),
  contentProblems: z.array(
    z.object({
      file: z.string(),
      line: z.number(),
      message: z.string(),
      source: z.array(z.object({ line: z.number(), text: z.string() })),
    }),
  ),
});
export type ContentProblemsData = z.infer<typeof contentProblemsData>;
