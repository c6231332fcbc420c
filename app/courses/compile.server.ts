// MDX → a function body the browser can run, via mdx-bundler. Server only. One compile at a
// time (esbuild and the MDX pipeline are CPU-bound; parallel compiles only slow requests
// down), and each file is compiled once per modification time.
import { statSync } from "node:fs";
import { bundleMDX } from "mdx-bundler";

export class MdxCompileError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

let queue: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

/** Where the MDX pipeline says the problem is: "(7:1-7:21)" or "7:1: ..." in its message. */
function lineOf(error: unknown): { line: number; reason: string } {
  const detail = (error as { errors?: Array<{ detail?: { cause?: { reason?: string; message?: string } }; text?: string }> })
    .errors?.[0];
  const reason = detail?.detail?.cause?.reason ?? detail?.text ?? (error instanceof Error ? error.message : String(error));
  const position = /\((\d+):\d+(?:-\d+:\d+)?\)/.exec(reason) ?? /^(\d+):\d+/.exec(reason);
  return { line: Number(position?.[1] ?? 1), reason: reason.replace(/\s*\(\d+:\d+(?:-\d+:\d+)?\)\s*$/, "") };
}

export function compileMdx(source: string): Promise<{ code: string }> {
  return oneAtATime(async () => {
    try {
      const result = await bundleMDX({
        source,
        esbuildOptions: (options) => ({ ...options, logLevel: "silent", minify: true, target: "es2022" }),
      });
      return { code: result.code };
    } catch (error) {
      const { line, reason } = lineOf(error);
      throw new MdxCompileError(reason, line);
    }
  });
}

const cache = new Map<string, { mtimeMs: number; code: Promise<{ code: string }> }>();

/** Compiles the file unless it is unchanged since the last compile. */
export function compileMdxFile(absolutePath: string, source: string) {
  const { mtimeMs } = statSync(absolutePath);
  const hit = cache.get(absolutePath);
  if (hit && hit.mtimeMs === mtimeMs) return hit.code;
  const code = compileMdx(source);
  cache.set(absolutePath, { mtimeMs, code });
  code.catch(() => cache.delete(absolutePath));
  return code;
}
