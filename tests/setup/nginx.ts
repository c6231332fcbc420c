// deploy/nginx.conf, run as it is with the ports of a test or benchmark: its own prefix in
// a temporary folder, in the foreground, stopped by the caller.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { root } from "./paths.ts";

export const nginxConfPath = path.join(root, "deploy/nginx.conf");

/** The file with `listen` and the upstream servers' ports replaced; nothing else changes. */
export function nginxConf(listen: number, upstreamPorts: number[]) {
  const source = readFileSync(nginxConfPath, "utf8");
  const servers = [...source.matchAll(/^(\s*server 127\.0\.0\.1:)\d+(.*;)$/gm)];
  if (servers.length < 1) throw new Error("deploy/nginx.conf: no `server 127.0.0.1:<port> …;` line in the upstream");
  const template = servers[0];
  const lines = upstreamPorts.map((port) => `${template?.[1]}${port}${template?.[2]}`).join("\n");
  return source
    .replace(/^\s*listen 80;$/m, `    listen 127.0.0.1:${listen};`)
    .replace(servers.map((m) => m[0]).join("\n"), lines);
}

export function nginxBinary() {
  const found = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((candidate) => existsSync(candidate));
  if (!found) throw new Error("nginx is not installed (Debian: apt-get install nginx)");
  return found;
}

/** Starts nginx with deploy/nginx.conf in front of the given ports; logs which server answered each request. */
export async function startNginx(listen: number, upstreamPorts: number[]) {
  const prefix = mkdtempSync(path.join(os.tmpdir(), "rapport-nginx-"));
  writeFileSync(path.join(prefix, "rapport.conf"), nginxConf(listen, upstreamPorts));
  writeFileSync(
    path.join(prefix, "nginx.conf"),
    [
      "worker_processes 1;",
      `pid ${prefix}/nginx.pid;`,
      `error_log ${prefix}/error.log warn;`,
      "events { worker_connections 4096; }",
      "http {",
      '  log_format upstream "$status $request_method $uri $upstream_addr $upstream_status";',
      `  access_log ${prefix}/access.log upstream;`,
      `  include ${prefix}/rapport.conf;`,
      "}",
      "",
    ].join("\n"),
  );
  const child: ChildProcess = spawn(
    nginxBinary(),
    ["-p", prefix, "-c", path.join(prefix, "nginx.conf"), "-g", "daemon off;"],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const base = `http://127.0.0.1:${listen}`;
  for (let tries = 0; tries < 100; tries++) {
    const up = await fetch(`${base}/healthz`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (child.exitCode !== null)
      throw new Error(`nginx stopped: ${readFileSync(path.join(prefix, "error.log"), "utf8")}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    /** Lines of the access log: status, method, path, upstream address(es), upstream status(es). */
    log: () => readFileSync(path.join(prefix, "access.log"), "utf8").trim().split("\n").filter(Boolean),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => {
          rmSync(prefix, { recursive: true, force: true });
          resolve();
        });
        if (child.exitCode !== null) child.emit("exit");
        else child.kill("SIGQUIT");
      }),
  };
}

/**
 * How deploy/rapport@.service starts an app server on `port`: its Environment (with %i as
 * the port) and its ExecStart (node being this Node). The working directory and the .env
 * file are the project's.
 */
export function unitCommand(port: number) {
  const unit = readFileSync(path.join(root, "deploy/rapport@.service"), "utf8").replace(/%i/g, String(port));
  const value = (key: string) => [...unit.matchAll(new RegExp(`^${key}=(.*)$`, "gm"))].map((m) => m[1] ?? "");
  const env = Object.fromEntries(
    value("Environment").flatMap((line) => line.split(/\s+/).map((pair) => pair.split("=") as [string, string])),
  );
  const [exec = "", ...args] = (value("ExecStart")[0] ?? "").split(/\s+/);
  return { command: exec.endsWith("/node") ? process.execPath : exec, args, env };
}
