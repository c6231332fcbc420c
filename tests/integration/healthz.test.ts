import { describe, expect, test, vi } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { loader } from "#app/routes/healthz.ts";

describe("/healthz", () => {
  test("200 when the database answers", async () => {
    const response = await loader();
    expect(response.status).toBe(200);
  });

  test("503 when it does not", async () => {
    const failing = vi.spyOn(prisma, "$queryRaw").mockRejectedValueOnce(new Error("SQLITE_CANTOPEN"));
    const logged = vi.mocked(console.error).mockImplementationOnce(() => {});
    const response = await loader();
    expect(response.status).toBe(503);
    expect(await response.text()).toBe("Database unreachable");
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockClear();
    failing.mockRestore();
  });
});
