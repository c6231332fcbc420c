// Starts tests/workers/run.ts in a process of its own, on the test file's database.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { root } from "#tests/setup/paths.ts";

export type Worker = {
  child: ChildProcess;
  /** Resolves with the first line of output that matches. */
  line(match: (line: string) => boolean): Promise<string>;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
};

export function startWorker(args: string[], env: Record<string, string> = {}): Worker {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "tests/workers/run.ts"), ...args], {
    cwd: root,
    env: { ...process.env, QUIET: "true", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const waiting: Array<{ match: (line: string) => boolean; resolve: (line: string) => void }> = [];
  let buffer = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    let end;
    while ((end = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      lines.push(line);
      for (const w of [...waiting]) {
        if (!w.match(line)) continue;
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, stderr })),
  );
  return {
    child,
    exited,
    line: (match) =>
      new Promise((resolve, reject) => {
        const found = lines.find(match);
        if (found !== undefined) return resolve(found);
        waiting.push({ match, resolve });
        void exited.then(({ code, signal }) =>
          reject(new Error(`worker exited (${code ?? signal ?? ""}) before the line: ${stderr.slice(-2000)}`)),
        );
      }),
  };
}
