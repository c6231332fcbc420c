import { describe, expect, test } from "vitest";
import { createUser } from "#tests/factories.ts";
import { listUsers } from "./admin.server.ts";

describe("the admin's list of people", () => {
  test("finds a name whatever the case typed, on either engine; nothing for text nobody has", async () => {
    const ana = await createUser({ name: "Ana Souza" });
    await createUser({ name: "Bruno Lima" });
    const found = async (q: string) => (await listUsers({ q, page: 1 })).users.map((u) => u.id);
    expect(await found("ana s")).toEqual([ana.id]);
    expect(await found("SOUZA")).toEqual([ana.id]);
    expect(await found(ana.email.toUpperCase())).toEqual([ana.id]);
    expect(await found("zzz")).toEqual([]);
  });
});
