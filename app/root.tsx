import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import { type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { getUser, hasRole } from "./accounts/auth.server.ts";
import { reviewCounts } from "./reviews/reviews.server.ts";
import { unreadCount } from "./notifications/notify.server.ts";
import { GeneralErrorBoundary } from "./components/error-boundary.tsx";
import { LocaleSwitcher } from "./components/locale-switcher.tsx";
import { TimeZoneProvider } from "./components/dates.tsx";
import { SearchBox } from "./components/search-box.tsx";
import { ThemeSwitch } from "./components/theme-switch.tsx";
import { navFor } from "./components/nav.ts";
import tailwindHref from "./tailwind.css?url";
import { getPublicEnv } from "./utils/env.server.ts";
import { getOrganisation } from "./utils/organisation.server.ts";
import { isLocale } from "./utils/i18n.ts";
import { loadTranslation } from "./utils/i18n-bundles.ts";
import { resolveLocale } from "./utils/locale.server.ts";
import { useNonce } from "./utils/nonce-provider.ts";
import { keepRetryAfter } from "./utils/headers.ts";
import { type Theme, themeFromCookie } from "./utils/theme.ts";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: tailwindHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const headers = keepRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  // Mentors and managers see their review queue's size in the navigation.
  const reviews = user && hasRole(user, ["mentor", "manager"]) ? await reviewCounts(user) : null;
  return json({
    user: user && { id: user.id, name: user.name, roles: user.roles },
    reviews,
    unreadNotifications: user ? await unreadCount(user.id) : 0,
    locale: resolveLocale(request, user?.locale),
    timeZone: user?.timeZone ?? (await getOrganisation()).timeZone,
    theme: themeFromCookie(request.headers.get("Cookie")),
    env: getPublicEnv(),
  });
}

function Document({ children, locale, theme }: { children: ReactNode; locale: string; theme: Theme }) {
  const nonce = useNonce();
  return (
    <html lang={locale} className="h-full" data-theme={theme === "system" ? undefined : theme}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-full flex-col bg-slate-50 text-slate-900">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const { t } = useTranslation();
  const location = useLocation();
  const user = data?.user;
  useEffect(() => {
    const toggle = document.getElementById("menu-toggle");
    if (toggle instanceof HTMLInputElement) toggle.checked = false;
  }, [location.pathname, location.search]);
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t("nav.skip")}
      </a>
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <a href="/" className="text-lg font-bold text-brand-700">
            Rapport
          </a>
          {user ? (
            <>
              {/* On a phone the menu folds behind a toggle; a checkbox, so it works without JavaScript. */}
              <input id="menu-toggle" type="checkbox" className="peer sr-only md:hidden" />
              <label
                htmlFor="menu-toggle"
                className="ml-auto cursor-pointer rounded border border-slate-300 px-3 py-1.5 text-sm font-medium peer-checked:bg-slate-100 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600 md:hidden"
              >
                {t("nav.menu")}
                {data?.reviews?.waiting ? (
                  <span className="ml-1.5 rounded-full bg-slate-200 px-1.5 py-0.5 text-xs text-slate-800">
                    <span className="sr-only">{t("reviews.waitingLabel")}: </span>
                    {data.reviews.waiting}
                  </span>
                ) : null}
              </label>
            </>
          ) : null}
          <div className={user ? "hidden w-full space-y-3 peer-checked:block md:contents" : "contents"}>
            {user ? (
              <nav aria-label={t("nav.label")} className="flex flex-auto flex-wrap gap-1">
                {navFor(user.roles).map((item) => (
                  <NavLink
                    key={item.to}
                    to={item.to}
                    end={item.to === "/"}
                    className={({ isActive }) =>
                      `rounded px-3 py-1.5 text-sm font-medium ${
                        isActive ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100"
                      }`
                    }
                  >
                    {t(item.labelKey)}
                    {item.to === "/reviews" && data?.reviews ? (
                      <span className="ml-1.5 text-xs" data-review-counts>
                        <span className="rounded-full bg-slate-200 px-1.5 py-0.5 text-slate-800">
                          <span className="sr-only">{t("reviews.waitingLabel")}: </span>
                          {data.reviews.waiting}
                        </span>
                        {data.reviews.overdue ? (
                          <span className="ml-1 rounded-full bg-red-100 px-1.5 py-0.5 font-semibold text-red-900">
                            <span className="sr-only">{t("reviews.overdueLabel")}: </span>
                            {data.reviews.overdue}
                          </span>
                        ) : null}
                      </span>
                    ) : null}
                  </NavLink>
                ))}
              </nav>
            ) : (
              <div className="flex-1" />
            )}
            <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
              {user ? <SearchBox /> : null}
              <ThemeSwitch current={data?.theme ?? "system"} redirectTo={location.pathname + location.search} />
              <LocaleSwitcher current={data?.locale ?? "en"} redirectTo={location.pathname + location.search} />
              {user ? (
                <>
                  <NavLink
                    to="/notifications"
                    className="rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-100"
                    data-unread-notifications={data?.unreadNotifications ?? 0}
                  >
                    {t("notifications.title")}
                    {data?.unreadNotifications ? (
                      <span className="ml-1.5 rounded-full bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white">
                        <span className="sr-only">{t("notifications.unreadLabel")}: </span>
                        {data.unreadNotifications}
                      </span>
                    ) : null}
                  </NavLink>
                  <NavLink to="/profile" className="text-sm text-slate-700 underline-offset-2 hover:underline">
                    {user.name}
                  </NavLink>
                  <Form method="post" action="/logout">
                    <button
                      type="submit"
                      className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100"
                    >
                      {t("nav.signOut")}
                    </button>
                  </Form>
                </>
              ) : null}
            </div>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        <TimeZoneProvider value={data?.timeZone ?? "UTC"}>{children}</TimeZoneProvider>
      </main>
    </>
  );
}

/**
 * Signing in, or saving a language on the profile, can change the language without a full
 * page load; the browser then fetches the new strings and switches.
 */
function useLocaleSync(locale: string) {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (!isLocale(locale) || i18n.language === locale) return;
    let cancelled = false;
    void loadTranslation[locale]().then((translation) => {
      if (cancelled) return;
      i18n.addResourceBundle(locale, "translation", translation);
      void i18n.changeLanguage(locale);
    });
    return () => {
      cancelled = true;
    };
  }, [locale, i18n]);
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  useLocaleSync(data.locale);
  // Marks the moment React has taken over the server-rendered page (browser tests wait on it).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <Document locale={data.locale} theme={data.theme}>
      <Shell>
        <Outlet />
      </Shell>
    </Document>
  );
}

export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>("root");
  const { i18n } = useTranslation();
  return (
    <Document locale={data?.locale ?? i18n.language} theme={data?.theme ?? "system"}>
      <Shell>
        <GeneralErrorBoundary />
      </Shell>
    </Document>
  );
}
