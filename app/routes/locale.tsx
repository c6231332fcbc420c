import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { getUser } from "#app/accounts/auth.server.ts";
import { setLocale } from "#app/accounts/profile.server.ts";
import { LocaleFormSchema } from "#app/accounts/schemas.ts";
import { DomainError } from "#app/utils/errors.ts";
import { refusal } from "#app/utils/errors.server.ts";
import { LOCALE_COOKIE, resolveLocale } from "#app/utils/locale.server.ts";
import { safeRedirect } from "#app/utils/misc.ts";

export async function loader() {
  return redirect("/");
}

/** Saves the choice on the profile when signed in, in a cookie otherwise (the sign-in page). */
export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: LocaleFormSchema });
  const user = await getUser(request);
  if (submission.status !== "success") {
    // The switcher offers only our languages: anything else is refused as a whole, in the one we can tell.
    const refused = new DomainError("localeInvalid", 400, "form.localeInvalid");
    return refusal(refused, resolveLocale(request, user?.locale), { result: submission.reply() });
  }
  const { locale, redirectTo } = submission.value;
  if (user) await setLocale(user.id, locale);
  return redirect(safeRedirect(redirectTo, "/"), {
    headers: {
      "Set-Cookie": `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`,
    },
  });
}
