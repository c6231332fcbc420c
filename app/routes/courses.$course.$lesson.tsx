import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/accounts/auth.server.ts";
import { findCourse } from "#app/content/catalog.server.ts";
import { LessonBody } from "#app/courses/lesson-body.tsx";
import { getLessonPage } from "#app/courses/pages.server.ts";
import { setLessonCompleted } from "#app/courses/progress.server.ts";
import { LessonProgressSchema } from "#app/courses/schemas.ts";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/field.tsx";
import { ProgressBar } from "#app/components/ui/progress-bar.tsx";
import { isLocale, localeNames } from "#app/utils/i18n.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";
import { DomainError, notFound } from "#app/utils/errors.ts";
import { refusal, refuse } from "#app/utils/errors.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.page.lesson.title ?? "Lesson"} · Rapport` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const preferred = resolveLocale(request, user.locale);
  // ?lang= shows another language's version of this one lesson without changing the profile.
  const asked = new URL(request.url).searchParams.get("lang");
  const locale = isLocale(asked) ? asked : preferred;
  const page =
    (await getLessonPage(user.id, params.course ?? "", params.lesson ?? "", locale, preferred)) ??
    refuse(notFound("lesson.errors.notFound"), preferred);
  return json({ page, preferred, asked: isLocale(asked) ? asked : null });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = resolveLocale(request, user.locale);
  const course = findCourse(params.course ?? "");
  const lesson = course?.lessons.find((l) => l.slug === params.lesson);
  if (!course || !lesson) refuse(notFound("lesson.errors.notFound"), locale);
  const submission = parseWithZod(await request.formData(), { schema: LessonProgressSchema });
  // Two buttons and nothing to type: a form that is not one of them is refused as a whole.
  if (submission.status !== "success")
    return refusal(new DomainError("unknownIntent", 400, "form.unknownIntent"), locale, { result: submission.reply() });
  try {
    await setLessonCompleted(user.id, course.slug, lesson.slug, submission.value.intent === "complete");
  } catch (error) {
    return refusal(error, locale, { result: submission.reply() });
  }
  const url = new URL(request.url);
  return redirect(`${url.pathname}${url.search}`);
}

export default function LessonPage() {
  const { page, preferred, asked } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>()?.error;
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { course, lesson } = page;
  const untranslated = page.shownLocale !== preferred && !asked;
  const lang = asked ? `?lang=${asked}` : "";
  return (
    <article className="mx-auto max-w-3xl" lang={page.shownLocale}>
      <nav aria-label={t("courses.breadcrumb")} className="text-sm">
        <Link to="/courses" className="text-brand-700 underline">
          {t("courses.title")}
        </Link>
        <span aria-hidden> / </span>
        <Link to={`/courses/${course.slug}`} className="text-brand-700 underline">
          {course.title}
        </Link>
      </nav>
      {untranslated ? (
        <p
          role="status"
          className="mt-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
          lang={preferred}
        >
          <strong>{t("lesson.notTranslated")}</strong>{" "}
          {t("lesson.notTranslatedBody", { language: localeNames[page.shownLocale] })}
        </p>
      ) : null}
      <header className="mt-4">
        <p className="text-sm text-slate-600">
          {t("lesson.numberOf", { number: lesson.number, total: course.lessonCount })} ·{" "}
          {t("courses.minutes", { count: lesson.minutes })}
        </p>
        <h1 className="mt-1 text-3xl font-bold">{lesson.title}</h1>
        <p className="mt-2 text-lg text-slate-700">{lesson.summary}</p>
        {page.availableLocales.length > 1 ? (
          <p className="mt-2 text-sm text-slate-600">
            {t("lesson.alsoIn")}{" "}
            {page.availableLocales
              .filter((l) => l !== page.shownLocale)
              .map((l, i) => (
                <span key={l}>
                  {i > 0 ? " · " : null}
                  <Link to={`?lang=${l}`} lang={l} className="underline">
                    {localeNames[l]}
                  </Link>
                </span>
              ))}
          </p>
        ) : null}
      </header>
      <div className="prose prose-slate mt-8 max-w-none prose-headings:scroll-mt-20 prose-a:text-brand-700 prose-blockquote:font-normal prose-blockquote:not-italic [&_blockquote_p]:before:content-none [&_blockquote_p]:after:content-none">
        <LessonBody html={page.html} />
      </div>
      <section className="mt-10 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="lesson-progress">
        <h2 id="lesson-progress" className="sr-only">
          {t("lesson.yourProgress")}
        </h2>
        {refused ? <Alert className="mb-4">{refused.message}</Alert> : null}
        <Form method="post" className="flex flex-wrap items-center gap-4">
          {lesson.done ? (
            <>
              <p className="font-medium text-emerald-800">✓ {t("lesson.doneMessage")}</p>
              <Button
                type="submit"
                name="intent"
                value="reopen"
                variant="secondary"
                disabled={navigation.state !== "idle"}
              >
                {t("lesson.markNotDone")}
              </Button>
            </>
          ) : (
            <Button type="submit" name="intent" value="complete" disabled={navigation.state !== "idle"}>
              {t("lesson.markDone")}
            </Button>
          )}
        </Form>
        <div className="mt-4">
          <ProgressBar
            value={course.done}
            max={course.total}
            label={t("courses.progressOf", { title: course.title })}
          />
        </div>
      </section>
      <nav aria-label={t("lesson.pagination")} className="mt-6 flex justify-between gap-4 text-sm">
        {page.previous ? (
          <Link
            to={`/courses/${course.slug}/${page.previous.slug}${lang}`}
            rel="prev"
            className="text-brand-700 underline"
          >
            ← {page.previous.title}
          </Link>
        ) : (
          <span />
        )}
        {page.next ? (
          <Link
            to={`/courses/${course.slug}/${page.next.slug}${lang}`}
            rel="next"
            className="text-right text-brand-700 underline"
          >
            {page.next.title} →
          </Link>
        ) : (
          <Link to={`/courses/${course.slug}`} className="text-right text-brand-700 underline">
            {t("lesson.backToCourse")} →
          </Link>
        )}
      </nav>
    </article>
  );
}
