// Rapport's HTTP server: Express in front of Remix, with the security basics that must
// hold for every route (headers, CSP nonces, cross-site post refusal, body size limit).
import "dotenv/config";
import cluster from "node:cluster";
import crypto from "node:crypto";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import morgan from "morgan";

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

if (cluster.isPrimary && WORKERS > 1) {
  let stopping = false;
  for (let i = 0; i < WORKERS; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.error(`worker ${worker.process.pid} stopped (${signal ?? code}); starting another`);
    cluster.fork();
  });
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill(signal);
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
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
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
    app.use(morgan(MODE === "production" ? "tiny" : "dev", { skip: (req) => req.url === "/healthz" }));
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
  });
  // A worker whose primary is gone (even killed) stops too, rather than hold the port.
  if (cluster.isWorker) process.on("disconnect", () => process.exit(0));

  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => server.close(() => process.exit(0)));
  }
}
