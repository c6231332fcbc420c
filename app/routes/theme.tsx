import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { getUser } from "#app/accounts/auth.server.ts";
import { DomainError } from "#app/utils/errors.ts";
import { refusal } from "#app/utils/errors.server.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";
import { safeRedirect } from "#app/utils/misc.ts";
import { THEME_COOKIE, ThemeFormSchema } from "#app/utils/theme.ts";

export async function loader() {
  return redirect("/");
}

/** Stored in a cookie for everyone, signed in or not: it is a property of the device. */
export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ThemeFormSchema });
  if (submission.status !== "success") {
    const user = await getUser(request);
    const refused = new DomainError("themeInvalid", 400, "form.themeInvalid");
    return refusal(refused, resolveLocale(request, user?.locale), { result: submission.reply() });
  }
  const { theme, redirectTo } = submission.value;
  const cookie =
    theme === "system"
      ? `${THEME_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`
      : `${THEME_COOKIE}=${theme}; Path=/; Max-Age=31536000; SameSite=Lax`;
  return redirect(safeRedirect(redirectTo, "/"), { headers: { "Set-Cookie": cookie } });
}
