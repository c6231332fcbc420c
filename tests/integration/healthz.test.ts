import { describe, expect, test, vi } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { loader as healthz } from "#app/routes/healthz.ts";
import { loader as readyz } from "#app/routes/readyz.ts";

describe("/healthz", () => {
  test("200 while the process serves, even with the database gone: a supervisor restarts dead processes, not slow databases", async () => {
    const failing = vi.spyOn(prisma, "$queryRaw").mockRejectedValue(new Error("SQLITE_CANTOPEN"));
    const response = healthz();
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("OK");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(failing).not.toHaveBeenCalled();
    failing.mockRestore();
  });
});

describe("/readyz", () => {
  test("200 on a migrated database that takes writes", async () => {
    const response = await readyz();
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("Ready");
  });

  test("503 with the reason when the database is unreachable; the database's own words go to the log only", async () => {
    const failing = vi
      .spyOn(prisma, "$queryRaw")
      .mockRejectedValueOnce(new Error("connect ECONNREFUSED 10.0.0.5:5432 (password for rapport)"));
    const warned = vi.spyOn(console, "warn").mockImplementationOnce(() => {});
    const response = await readyz();
    expect(response.status).toBe(503);
    const body = await response.text();
    expect(body).toBe("Not ready:\n- the database is unreachable\n");
    expect(body).not.toContain("10.0.0.5");
    expect(warned.mock.calls[0]?.[0]).toContain("ECONNREFUSED 10.0.0.5");
    warned.mockRestore();
    failing.mockRestore();
  });
});
