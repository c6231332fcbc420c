import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProgressBar } from "#app/components/ui/progress-bar.tsx";

export type CourseCardData = {
  slug: string;
  title: string;
  summary: string;
  level: string;
  track: string | null;
  competencies: string[];
  minutes: number;
  lessonCount: number;
  done: number;
  total: number;
  complete: boolean;
};

export function CourseCard({ course }: { course: CourseCardData }) {
  const { t } = useTranslation();
  return (
    <li className="flex flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-center gap-2 text-xs font-medium text-slate-600">
        <span className="rounded bg-slate-100 px-2 py-0.5">{course.level}</span>
        {course.track ? <span className="rounded bg-violet-100 px-2 py-0.5 text-violet-900">{t(`tracks.${course.track}`)}</span> : null}
        <span>{t("courses.lessonsAndMinutes", { count: course.lessonCount, minutes: course.minutes })}</span>
        {course.complete ? <span className="rounded bg-emerald-100 px-2 py-0.5 text-emerald-900">✓ {t("courses.complete")}</span> : null}
      </div>
      <h3 className="mt-2 text-lg font-semibold">
        <Link to={`/courses/${course.slug}`} className="text-slate-900 hover:text-brand-700 hover:underline">
          {course.title}
        </Link>
      </h3>
      <p className="mt-1 flex-1 text-sm text-slate-700">{course.summary}</p>
      <p className="mt-3 flex flex-wrap gap-1">
        {course.competencies.map((c) => (
          <span key={c} className="rounded-full bg-brand-50 px-2 py-0.5 text-xs text-brand-700">
            {t(`competencies.${c}`)}
          </span>
        ))}
      </p>
      <div className="mt-3">
        <ProgressBar value={course.done} max={course.total} label={t("courses.progressOf", { title: course.title })} />
      </div>
    </li>
  );
}
