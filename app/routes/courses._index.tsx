import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/accounts/auth.server.ts";
import { CourseCard } from "#app/courses/course-card.tsx";
import { competencies, isCompetency } from "#app/content/vocabulary.ts";
import { getCatalogue } from "#app/courses/pages.server.ts";
import { Button } from "#app/components/ui/field.tsx";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction = () => [{ title: "Courses · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const raw = new URL(request.url).searchParams.get("competency");
  const competency = isCompetency(raw) ? raw : null;
  const locale = resolveLocale(request, user.locale);
  return json({
    competency,
    unknownFilter: Boolean(raw) && !competency,
    groups: await getCatalogue(user.id, locale, competency),
  });
}

export default function Catalogue() {
  const { competency, unknownFilter, groups } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{t("courses.title")}</h1>
          <p className="mt-1 text-slate-600">{t("courses.intro")}</p>
        </div>
        <Form method="get" className="flex items-end gap-2">
          <div>
            <label htmlFor="competency" className="block text-sm font-medium">
              {t("courses.filter")}
            </label>
            <select
              id="competency"
              name="competency"
              defaultValue={competency ?? ""}
              className="mt-1 rounded border border-slate-300 bg-white px-3 py-2"
            >
              <option value="">{t("courses.allCompetencies")}</option>
              {competencies.map((c) => (
                <option key={c} value={c}>
                  {t(`competencies.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="secondary">
            {t("courses.apply")}
          </Button>
        </Form>
      </div>
      {unknownFilter ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          {t("courses.unknownFilter")}
        </p>
      ) : null}
      {groups.length === 0 ? (
        <p>
          {t("courses.noneMatch")}{" "}
          <Link to="/courses" className="underline">
            {t("courses.clearFilter")}
          </Link>
        </p>
      ) : null}
      {groups.map((group) => (
        <section key={group.level} aria-labelledby={`level-${group.level}`}>
          <h2 id={`level-${group.level}`} className="text-xl font-semibold">
            {t(`levels.${group.level}`)}
          </h2>
          <ul className="mt-3 grid gap-4 md:grid-cols-2 lg:grid-cols-3">
            {group.courses.map((course) => (
              <CourseCard key={course.slug} course={course} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
