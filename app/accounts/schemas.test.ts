import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, test } from "vitest";
import { ProfileFormSchema, SecondStepSchema, SecuritySettingsSchema, TwoFactorFormSchema } from "./schemas.ts";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
};

/** The field messages (i18n keys) of a form the schema refuses; null when it accepts it. */
function problems(schema: Parameters<typeof parseWithZod>[1]["schema"], fields: Record<string, string>) {
  const submission = parseWithZod(form(fields), { schema });
  return submission.status === "success" ? null : submission.reply().error;
}

describe("the accounts' smaller forms", () => {
  test("the second sign-in step needs a code of sensible length", () => {
    expect(problems(SecondStepSchema, { code: " 123 456 " })).toBeNull();
    expect(problems(SecondStepSchema, {})).toEqual({ code: ["login.codeRequired"] });
    expect(problems(SecondStepSchema, { code: "   " })).toEqual({ code: ["login.codeRequired"] });
    expect(problems(SecondStepSchema, { code: "9".repeat(10_000) })).toEqual({ code: ["login.codeRequired"] });
  });

  test("two-factor settings: each intent with its own field, an unknown intent refused", () => {
    expect(problems(TwoFactorFormSchema, { intent: "confirm", code: "123456" })).toBeNull();
    expect(problems(TwoFactorFormSchema, { intent: "confirm" })).toEqual({ code: ["login.codeRequired"] });
    expect(problems(TwoFactorFormSchema, { intent: "disable" })).toEqual({ password: ["form.required"] });
    expect(problems(TwoFactorFormSchema, { intent: "renew", password: "x".repeat(201) })).toEqual({
      password: ["form.passwordTooLong"],
    });
    expect(problems(TwoFactorFormSchema, { intent: "drop-table" })).toEqual({ intent: ["twoFactor.unknownIntent"] });
  });

  test("security settings take the box checked or absent, nothing else", () => {
    expect(
      parseWithZod(form({ intent: "save", requireTwoFactor: "on" }), { schema: SecuritySettingsSchema }),
    ).toMatchObject({
      status: "success",
      value: { requireTwoFactor: "on" },
    });
    expect(parseWithZod(form({ intent: "save" }), { schema: SecuritySettingsSchema })).toMatchObject({
      status: "success",
      value: { intent: "save" },
    });
    expect(problems(SecuritySettingsSchema, { intent: "save", requireTwoFactor: "maybe" })).not.toBeNull();
    expect(problems(SecuritySettingsSchema, { intent: "delete" })).not.toBeNull();
  });

  test("the profile page: details, password, one session or all of them", () => {
    expect(problems(ProfileFormSchema, { intent: "end-all" })).toBeNull();
    expect(problems(ProfileFormSchema, { intent: "end-session", session: "abc" })).toBeNull();
    expect(problems(ProfileFormSchema, { intent: "end-session" })).toEqual({ session: ["form.required"] });
    expect(problems(ProfileFormSchema, { intent: "profile", name: "", locale: "uk" })).toMatchObject({
      name: expect.any(Array) as unknown,
    });
    expect(
      problems(ProfileFormSchema, {
        intent: "password",
        currentPassword: "old one",
        newPassword: "a long new passphrase 42",
        confirmPassword: "something else",
      }),
    ).toEqual({ confirmPassword: ["form.passwordMismatch"] });
    expect(problems(ProfileFormSchema, { intent: "sudo" })).toEqual({ intent: ["form.unknownIntent"] });
  });
});
