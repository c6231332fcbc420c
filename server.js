// Rapport's HTTP server: Express in front of Remix, with the security basics that must
// hold for every route (headers, CSP nonces, cross-site post refusal, body size limit).
import "dotenv/config";
import cluster from "node:cluster";
import crypto from "node:crypto";
import net from "node:net";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import morgan from "morgan";
import { HEALTHY_RUN_MS, restartDelay, trustProxy } from "./server/options.js";

const MODE = process.env.NODE_ENV ?? "development";
const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOST ?? "0.0.0.0";
/** Largest request body accepted (the CSV import is the biggest form). */
export const BODY_LIMIT_BYTES = 1024 * 1024;
/**
 * Processes serving requests (production only). Node renders on one core per process; the
 * app keeps no state of its own (sessions, claims and progress are in the database), so
 * several can share the port. Defaults to one.
 */
const WORKERS = MODE === "production" ? Math.max(1, Number(process.env.WEB_CONCURRENCY ?? 1) || 1) : 1;

// Checked before any worker starts: a wrong value stops here, once, with what is accepted.
let TRUST_PROXY;
try {
  TRUST_PROXY = trustProxy(process.env.TRUST_PROXY);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

if (cluster.isPrimary && WORKERS > 1) {
  let stopping = false;
  // A worker that keeps crashing is restarted later each time (0.5 s, 1 s, 2 s … 30 s), not
  // at once in a loop; one that served for a minute first starts the count again.
  let failures = 0;
  const startedAt = new Map();
  const fork = () => startedAt.set(cluster.fork().id, Date.now());
  for (let i = 0; i < WORKERS; i++) fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    failures = lived >= HEALTHY_RUN_MS ? 1 : failures + 1;
    const delay = restartDelay(failures);
    console.error(`worker ${worker.process.pid} stopped (${signal ?? code}); starting another in ${delay / 1000} s`);
    setTimeout(() => {
      if (!stopping) fork();
    }, delay);
  });
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {});
      if (!workers.length) process.exit(0);
      for (const worker of workers) worker?.kill(signal);
      setTimeout(() => process.exit(0), 10_000).unref();
      cluster.on("exit", () => {
        if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
      });
    });
  }
} else {
  await serve();
}

async function serve() {
  const viteDevServer =
    MODE === "production"
      ? undefined
      : await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }));

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", TRUST_PROXY);
  // Stopping: answer what is asked, then close the connection, so that a load balancer's
  // kept-alive connections end and it sends the next request to another server.
  let stopping = false;
  app.use((req, res, next) => {
    if (stopping) res.set("Connection", "close");
    next();
  });
  app.use(compression());

  app.use((req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("hex");
    next();
  });

  app.use(
    helmet({
      xPoweredBy: false,
      referrerPolicy: { policy: "same-origin" },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: MODE === "production" && process.env.INSECURE_COOKIES !== "true",
      contentSecurityPolicy: {
        // Vite's dev client injects scripts of its own; enforce only on the production build.
        reportOnly: MODE !== "production",
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'strict-dynamic'", "'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:"],
          "connect-src": MODE === "production" ? ["'self'"] : ["'self'", "ws:"],
          "font-src": ["'self'"],
          "frame-ancestors": ["'none'"],
          "form-action": ["'self'"],
          "base-uri": ["'self'"],
          "object-src": ["'none'"],
          "upgrade-insecure-requests": null,
        },
      },
    }),
  );

  // Browser features Rapport never uses stay off, for it and for anything embedded in it.
  app.use((req, res, next) => {
    res.set(
      "Permissions-Policy",
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=(), display-capture=(), browsing-topics=()",
    );
    next();
  });

  // Forms posted from another site are refused: browsers send Origin on every non-GET request.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const origin = req.get("origin");
    const fetchSite = req.get("sec-fetch-site");
    const sameHost = origin ? safeHost(origin) === req.get("host") : fetchSite !== "cross-site";
    if (!sameHost) {
      res
        .status(403)
        .type("text/plain")
        .send("Cross-site form posts are not accepted. Open Rapport and submit the form there.");
      return;
    }
    next();
  });

  // Oversized bodies get 413 before anything reads them; bodies of unknown length are refused
  // too, since every browser form sends a Content-Length.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const length = req.get("content-length");
    if (length === undefined && req.get("transfer-encoding")) {
      res.status(411).type("text/plain").send("Send the request with a Content-Length.");
      return;
    }
    if (Number(length ?? 0) > BODY_LIMIT_BYTES) {
      res
        .status(413)
        .type("text/plain")
        .send(`The request is too large (the limit is ${BODY_LIMIT_BYTES / 1024 / 1024} MiB).`);
      return;
    }
    next();
  });

  if (viteDevServer) {
    app.use(viteDevServer.middlewares);
  } else {
    app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
    app.use(express.static("build/client", { maxAge: "1h" }));
  }

  if (process.env.QUIET !== "true") {
    app.use(
      morgan(MODE === "production" ? "tiny" : "dev", {
        skip: (req) => req.url === "/healthz" || req.url === "/readyz",
      }),
    );
  }

  const build = viteDevServer
    ? () => viteDevServer.ssrLoadModule("virtual:remix/server-build")
    : await import("./build/server/index.js");

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: MODE,
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip ?? "unknown" }),
    }),
  );

  function safeHost(origin) {
    try {
      return new URL(origin).host;
    } catch {
      return null;
    }
  }

  const server = app.listen(PORT, HOST, () => {
    if (cluster.isPrimary || cluster.worker?.id === 1) console.log(`Rapport is running at http://localhost:${PORT}`);
    // In development the app loads on the first request; load it now, so its start-up work
    // (the first-run setup link, the outbox, the schedules) begins with the server.
    if (viteDevServer) void build().catch((error) => console.error(error));
  });
  // Idle keep-alive connections stay open longer than a proxy's or client's own idle timeout
  // (nginx and most load balancers: 60 s). With Node's 5 s, the server closes a connection at
  // the moment the other side reuses it, and that request fails ("other side closed"), seen
  // under load in the browser tests and, behind a proxy, as sporadic 502s.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // A worker whose primary is gone (even killed) stops too, rather than hold the port.
  if (cluster.isWorker) process.on("disconnect", () => process.exit(0));

  // SIGTERM (systemd, a rolling restart): stop taking connections, finish the requests in
  // hand, then exit; whatever is still open after 10 s is cut. Kept-alive connections are
  // not cut when idle (as http's close() does): a proxy may be sending on one that very
  // moment, and a form post it had sent would be lost. They get their next answer with
  // Connection: close, or the proxy closes them when idle (nginx after 4 s, deploy/nginx.conf).
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      stopping = true;
      net.Server.prototype.close.call(server, () => process.exit(0));
      setTimeout(() => {
        server.closeAllConnections();
        process.exit(0);
      }, 10_000).unref();
    });
  }
}
