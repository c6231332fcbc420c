import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { destroySession } from "#app/accounts/auth.server.ts";
import { clientOf } from "#app/utils/client.server.ts";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  return redirect("/login", { headers: { "Set-Cookie": await destroySession(request, clientOf(request, context)) } });
}
