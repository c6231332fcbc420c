// The one next step, as the trainee's home and /learn show it: what it is, why, and a link.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
// Only the type crosses over: it is erased from the browser's code.
import type { NextStep } from "./next-step.server.ts";

const button = "mt-4 inline-block rounded bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700";

export function NextStepCard({
  step,
  inProgress = false,
  heading,
}: {
  step: NextStep;
  inProgress?: boolean;
  heading: string;
}) {
  const { t } = useTranslation();
  const body = (() => {
    switch (step.kind) {
      case "lesson":
        return {
          kicker: t("home.step.lesson", { course: step.course }),
          title: step.title,
          why: null,
          link: { to: step.href, label: t("learn.open") },
        };
      case "quiz":
        return {
          kicker: step.course ? null : t("progress.kinds.quiz"),
          title: step.course ? t("home.step.finalQuizTitle", { course: step.course }) : step.title,
          why: step.course ? t("home.step.finalQuizWhy") : null,
          link: { to: step.href, label: t(step.retake ? "home.step.retakeQuiz" : "home.step.takeQuiz") },
        };
      case "course":
        return {
          kicker: t("progress.kinds.course"),
          title: step.title,
          why: step.detail,
          link: { to: step.href, label: t("home.step.openCourse") },
        };
      case "scenario":
        return {
          kicker: t("home.step.scenario"),
          title: step.title,
          why: step.detail,
          link: {
            to: step.href,
            label: t(
              inProgress
                ? "home.step.carryOn"
                : step.state === "notGraded"
                  ? "home.step.startScenario"
                  : "home.step.tryAgain",
            ),
          },
        };
      case "signOff":
        return {
          kicker: t("progress.kinds.behaviour"),
          title: t("home.step.signOff"),
          why: t("home.step.signOffWhy"),
          link: null,
        };
      case "waitingReview":
        return {
          kicker: t("progress.kinds.scenario"),
          title: t("home.step.waiting", { count: step.count }),
          why: null,
          link: null,
        };
      case "done":
        return { kicker: null, title: t("home.step.done"), why: null, link: null };
    }
  })();
  return (
    <section
      aria-labelledby="next-step"
      className="rounded-lg border border-brand-100 bg-brand-50 p-6"
      data-next-step={step.kind}
    >
      <h2 id="next-step" className="text-sm font-semibold tracking-wide text-brand-700 uppercase">
        {heading}
      </h2>
      {body.kicker ? <p className="mt-2 text-sm font-medium text-slate-700">{body.kicker}</p> : null}
      <p className="mt-1 text-xl font-semibold">{body.title}</p>
      {body.why ? <p className="mt-1 text-slate-700">{body.why}</p> : null}
      {step.kind === "signOff" ? (
        <ul className="mt-2 list-disc pl-5 text-slate-800">
          {step.behaviours.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      ) : null}
      {body.link ? (
        <Link to={body.link.to} className={button}>
          {body.link.label}
        </Link>
      ) : null}
    </section>
  );
}
