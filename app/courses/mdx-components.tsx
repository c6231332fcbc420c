// The one registry of components lesson authors may use (docs/authoring.md). Lessons are
// rendered to HTML on the server (render.server.tsx), so these never ship to the browser.
import { type ComponentProps, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

const calloutStyles = {
  tip: "border-emerald-300 bg-emerald-50",
  warning: "border-amber-300 bg-amber-50",
  policy: "border-sky-300 bg-sky-50",
} as const;

function Callout({ kind = "tip", title, children }: { kind?: keyof typeof calloutStyles; title?: string; children: ReactNode }) {
  const { t } = useTranslation();
  const style = calloutStyles[kind] ?? calloutStyles.tip;
  return (
    <aside role="note" className={`not-prose my-6 rounded-lg border-l-4 p-4 ${style}`}>
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-700">{t(`lesson.callout.${kind}`)}</p>
      {title ? <p className="mt-1 font-semibold text-slate-900">{title}</p> : null}
      <div className="prose prose-slate mt-1 max-w-none text-slate-800 [&>p:first-child]:mt-0 [&>p:last-child]:mb-0">{children}</div>
    </aside>
  );
}

function Checklist({ title, children }: { title?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="not-prose my-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h3 className="font-semibold text-slate-900">{title ?? t("lesson.checklist")}</h3>
      <div className="mt-2 text-slate-800 [&_li]:relative [&_li]:my-1.5 [&_li]:pl-7 [&_li]:before:absolute [&_li]:before:left-0 [&_li]:before:top-0.5 [&_li]:before:size-4 [&_li]:before:rounded [&_li]:before:border-2 [&_li]:before:border-slate-400 [&_li]:before:content-['']">
        {children}
      </div>
    </section>
  );
}

function SayThis({ say, notThis, why }: { say: string; notThis: string; why?: string }) {
  const { t } = useTranslation();
  return (
    <figure className="not-prose my-6 grid gap-3 md:grid-cols-2">
      <blockquote className="rounded-lg border border-red-200 bg-red-50 p-4">
        <p className="text-xs font-semibold uppercase tracking-wide text-red-800">✗ {t("lesson.notThis")}</p>
        <p className="mt-1 text-slate-900">{notThis}</p>
      </blockquote>
      <blockquote className="rounded-lg border border-emerald-200 bg-emerald-50 p-4">
        <p className="text-xs font-semibold uppercase tracking-wide text-emerald-800">✓ {t("lesson.sayThis")}</p>
        <p className="mt-1 text-slate-900">{say}</p>
      </blockquote>
      {why ? (
        <figcaption className="text-sm text-slate-700 md:col-span-2">
          <span className="font-semibold">{t("lesson.why")}</span> {why}
        </figcaption>
      ) : null}
    </figure>
  );
}

function Term({ word, children }: { word: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="not-prose my-6 rounded-lg border border-brand-100 bg-brand-50 p-4">
      <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">{t("lesson.keyTerm")}</p>
      <p className="mt-1 text-slate-900">
        <dfn className="font-semibold not-italic">{word}</dfn>
      </p>
      <div className="mt-1 text-slate-800 [&>p]:m-0">{children}</div>
    </div>
  );
}

function ScenarioLink({ id, title }: { id: string; title?: string }) {
  const { t } = useTranslation();
  return (
    <a href={`/scenarios/${id}`} className="not-prose my-6 block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600">
      <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">{t("lesson.practise")}</p>
      <p className="mt-1 font-semibold text-slate-900">{title ?? id}</p>
    </a>
  );
}

/** An embedded check: a card that opens the quiz (graded on the server like every quiz). */
function Quiz({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <a href={`/quizzes/${id}`} className="not-prose my-6 block rounded-lg border border-brand-100 bg-brand-50 p-4 hover:border-brand-600">
      <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">{t("quiz.check")}</p>
      <p className="mt-1 font-semibold text-slate-900">{t("quiz.startQuiz")} →</p>
    </a>
  );
}

function MdxLink({ href = "", children, ...rest }: ComponentProps<"a">) {
  const external = !href.startsWith("/") && !href.startsWith("#");
  return (
    <a href={href} {...(external ? { rel: "noopener noreferrer" } : {})} {...rest}>
      {children}
    </a>
  );
}

export const mdxComponents = { Callout, Checklist, SayThis, Term, ScenarioLink, Quiz, a: MdxLink };
