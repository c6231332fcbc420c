import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { getUser } from "#app/accounts/auth.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { isLocale } from "#app/utils/i18n.ts";
import { LOCALE_COOKIE } from "#app/utils/locale.server.ts";
import { safeRedirect } from "#app/utils/misc.ts";

export async function loader() {
  return redirect("/");
}

/** Saves the choice on the profile when signed in, in a cookie otherwise (the sign-in page). */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const locale = formData.get("locale");
  if (!isLocale(locale)) {
    throw new Response("Choose one of the languages in the list.", { status: 400 });
  }
  const user = await getUser(request);
  if (user) await prisma.user.update({ where: { id: user.id }, data: { locale }, select: { id: true } });
  return redirect(safeRedirect(formData.get("redirectTo"), "/"), {
    headers: {
      "Set-Cookie": `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`,
    },
  });
}
