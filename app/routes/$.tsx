import { type LoaderFunctionArgs } from "@remix-run/node";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { requireUser } from "#app/accounts/auth.server.ts";
import { notFound } from "#app/utils/errors.ts";
import { refuse } from "#app/utils/errors.server.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";

/** Any unknown path: signed-out people go to sign in first, others get the 404 page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return refuse(notFound("errors.notFound.body"), resolveLocale(request, user.locale));
}

export const action = loader;

export default function NotFound() {
  return <GeneralErrorBoundary />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
