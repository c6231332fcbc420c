// MDX → a function body, via mdx-bundler, with the lesson's metadata read from the syntax
// tree on the way (metadata.ts). Server only. One compile at a time (esbuild and the MDX
// pipeline are CPU-bound; parallel compiles only slow requests down), and each file is
// compiled once per modification time.
import { statSync } from "node:fs";
import { bundleMDX } from "mdx-bundler";
import { emptyMetadata, type LessonMetadata, remarkLessonMetadata } from "./metadata.ts";

export class MdxCompileError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export type CompiledLesson = { code: string; metadata: LessonMetadata };

let queue: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

type Place = { line?: number; start?: { line?: number } };
type VFileMessageLike = { reason?: string; place?: Place; cause?: VFileMessageLike };
type EsbuildMessage = { text?: string; location?: { line?: number } | null; detail?: VFileMessageLike };

const hasMessages = (error: unknown): error is { errors: EsbuildMessage[] } =>
  typeof error === "object" && error !== null && "errors" in error && Array.isArray(error.errors);

const RANGE = /\s*\((\d+):\d+(?:-\d+:\d+)?\)\s*$/;

/**
 * Where the MDX pipeline says the problem is. esbuild wraps the MDX plugin's message; the
 * wrapped cause holds the author's sentence, and either a range at its end ("(7:1-7:16)",
 * an unclosed tag) or its own place (a bare `<` in prose).
 */
function placeOf(error: unknown): { line: number; reason: string } {
  const first = hasMessages(error) ? error.errors[0] : undefined;
  const cause = first?.detail?.cause ?? first?.detail;
  const reason = cause?.reason ?? first?.text ?? (error instanceof Error ? error.message : String(error));
  const range = RANGE.exec(reason);
  const place = cause?.place ?? first?.detail?.place;
  const line = range ? Number(range[1]) : (place?.start?.line ?? place?.line ?? (first?.location?.line || 1));
  return { line, reason: reason.replace(RANGE, "") };
}

export function compileMdx(source: string): Promise<CompiledLesson> {
  return oneAtATime(async () => {
    const metadata = emptyMetadata();
    try {
      const result = await bundleMDX({
        source,
        mdxOptions: (options) => ({
          ...options,
          remarkPlugins: [...(options.remarkPlugins ?? []), remarkLessonMetadata(metadata)],
        }),
        esbuildOptions: (options) => ({ ...options, logLevel: "silent", minify: true, target: "es2022" }),
      });
      return { code: result.code, metadata };
    } catch (error) {
      const { line, reason } = placeOf(error);
      throw new MdxCompileError(reason, line);
    }
  });
}

const cache = new Map<string, { mtimeMs: number; size: number; compiled: Promise<CompiledLesson> }>();

/** Compiles the file unless it is unchanged since the last compile. */
export function compileMdxFile(absolutePath: string, source: string) {
  const { mtimeMs, size } = statSync(absolutePath);
  const hit = cache.get(absolutePath);
  if (hit && hit.mtimeMs === mtimeMs && hit.size === size) return hit.compiled;
  const compiled = compileMdx(source);
  cache.set(absolutePath, { mtimeMs, size, compiled });
  compiled.catch(() => cache.delete(absolutePath));
  return compiled;
}
