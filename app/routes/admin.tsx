import { type LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "#app/accounts/auth.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return null;
}

const tabs = [
  { to: "/admin/users", key: "admin.users.title" },
  { to: "/admin/teams", key: "admin.teams.title" },
  { to: "/admin/import", key: "admin.import.title" },
  { to: "/admin/security", key: "admin.security.title" },
  { to: "/admin/audit", key: "audit.title" },
];

export default function AdminLayout() {
  const { t } = useTranslation();
  return (
    <div className="space-y-6">
      <nav aria-label={t("admin.nav")} className="flex flex-wrap gap-x-2 border-b border-slate-200">
        {tabs.map((tab) => (
          <NavLink
            key={tab.to}
            to={tab.to}
            className={({ isActive }) =>
              `-mb-px border-b-2 px-3 py-2 text-sm font-medium ${isActive ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`
            }
          >
            {t(tab.key)}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}
