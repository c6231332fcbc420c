// The grading form beside a transcript: a level per rubric criterion (pre-filled from the
// automatic checks), a comment on any of the trainee's replies, feedback and a decision.
// The browser checks it with the server's own schema before it is sent.
import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button, useFieldMessage } from "#app/components/ui/field.tsx";
import { MAX_COMMENT_LENGTH, MAX_FEEDBACK_LENGTH } from "./limits.ts";
import { type openForGrading } from "./reviews.server.ts";
import { gradeFormSchema } from "./schemas.ts";

type Screen = Pick<
  Awaited<ReturnType<typeof openForGrading>>,
  "rubric" | "prefill" | "working" | "versions" | "form" | "basisLabels"
>;
export const GRADE_FORM = "grade-form";

/**
 * The form's state, shared by the form and the comment boxes in the transcript: what it shows
 * (what was just sent, after a refusal; else the working copy; else the pre-fill) and its problems.
 */
export function useGradeForm(screen: Screen, lastResult: SubmissionResult<string[]> | null | undefined) {
  const say = useFieldMessage();
  const [form] = useForm({
    id: GRADE_FORM,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: gradeFormSchema(screen.form) }),
  });
  const sent = lastResult?.initialValue ?? null;
  const value = (name: string, otherwise: string) => {
    if (!sent) return otherwise;
    const given = sent[name];
    return typeof given === "string" ? given : "";
  };
  return {
    form,
    problems: Object.values(form.allErrors).flat().map(say),
    problemsOf: (field: string) => (form.allErrors[field] ?? []).map(say),
    score: (criterion: string) =>
      value(`score:${criterion}`, String(screen.working?.scores[criterion] ?? screen.prefill[criterion]?.level ?? "")),
    comment: (seq: number) => value(`comment:${seq}`, screen.working?.comments[String(seq)] ?? ""),
    feedback: value("feedback", screen.working?.feedback ?? ""),
    decision: value("decision", screen.working?.decision ?? ""),
  };
}

export type GradeState = ReturnType<typeof useGradeForm>;

/** Why a grade was refused: the server's message, else a general one, and each field's problem. */
export function GradeProblems({ message, state }: { message?: string; state: GradeState }) {
  const { t } = useTranslation();
  if (!message && !state.problems.length) return null;
  return (
    <Alert>
      <p>{message ?? t("reviews.errors.fixGrade")}</p>
      {state.problems.length ? (
        <ul className="mt-1 list-disc pl-5">
          {state.problems.map((problem, i) => (
            <li key={i}>{problem}</li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}

function Problems({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  return (
    <p className="mt-1 text-sm text-red-800" role="alert">
      {messages.join(" ")}
    </p>
  );
}

/** A comment on one of the trainee's replies, shown under it in the transcript (part of the grading form). */
export function CommentBox({ seq, state, disabled }: { seq: number; state: GradeState; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <label className="mt-2 block text-left text-sm">
      <span className="font-medium text-slate-700">{t("reviews.commentOnTurn")}</span>
      <textarea
        form={GRADE_FORM}
        name={`comment:${seq}`}
        rows={2}
        maxLength={MAX_COMMENT_LENGTH}
        defaultValue={state.comment(seq)}
        disabled={disabled}
        className="mt-1 block w-full rounded border border-amber-300 bg-amber-50 px-2 py-1.5"
      />
      <Problems messages={state.problemsOf(`comment:${seq}`)} />
    </label>
  );
}

export function GradeForm({
  screen,
  state,
  canGrade,
  busy,
}: {
  screen: Screen;
  state: GradeState;
  canGrade: boolean;
  busy: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Form
      method="post"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      {...getFormProps(state.form)}
    >
      <input type="hidden" name="basedOn" value={screen.working?.version ?? 0} />
      <fieldset disabled={!canGrade} className="space-y-4">
        <legend className="text-xl font-semibold">{t("reviews.rubric")}</legend>
        {screen.rubric.map((criterion) => {
          const suggestion = screen.prefill[criterion.id];
          return (
            <fieldset key={criterion.id} className="rounded border border-slate-200 p-3" data-criterion={criterion.id}>
              <legend className="px-1 font-semibold">{criterion.title}</legend>
              <p className="text-xs text-slate-600">
                {criterion.competencies.map((c) => t(`competencies.${c}`)).join(" · ")}
              </p>
              {suggestion ? (
                <>
                  <p className="mt-1 text-xs text-slate-700" data-prefill={suggestion.level}>
                    {t("reviews.prefilled", {
                      level: suggestion.level,
                      met: suggestion.basis.filter((b) => b.ok).length,
                      total: suggestion.basis.length,
                    })}
                  </p>
                  <SuggestionBasis basis={suggestion.basis} actions={screen.basisLabels} />
                </>
              ) : null}
              <div className="mt-2 space-y-1">
                {([1, 2, 3, 4] as const).map((level) => (
                  <label key={level} className="flex gap-2 text-sm">
                    <input
                      type="radio"
                      name={`score:${criterion.id}`}
                      value={level}
                      defaultChecked={state.score(criterion.id) === String(level)}
                    />
                    <span>
                      <span className="font-semibold">{level}</span> — {criterion.levels[level]}
                    </span>
                  </label>
                ))}
              </div>
              <Problems messages={state.problemsOf(`score:${criterion.id}`)} />
            </fieldset>
          );
        })}
        <label className="block">
          <span className="font-semibold">{t("reviews.feedback")}</span>
          <textarea
            name="feedback"
            rows={5}
            maxLength={MAX_FEEDBACK_LENGTH}
            defaultValue={state.feedback}
            className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5"
          />
          <Problems messages={state.problemsOf("feedback")} />
        </label>
        <fieldset>
          <legend className="font-semibold">{t("reviews.decision")}</legend>
          <label className="mt-1 flex gap-2">
            <input type="radio" name="decision" value="passed" defaultChecked={state.decision === "passed"} />
            {t("reviews.passed")}
          </label>
          <label className="flex gap-2">
            <input type="radio" name="decision" value="retry" defaultChecked={state.decision === "retry"} />
            {t("reviews.retry")}
          </label>
          <Problems messages={state.problemsOf("decision")} />
        </fieldset>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" name="intent" value="draft" variant="secondary" disabled={busy}>
            {t("reviews.saveDraft")}
          </Button>
          <Button type="submit" name="intent" value="submit" disabled={busy}>
            {screen.versions.length ? t("reviews.submitChange") : t("reviews.submit")}
          </Button>
        </div>
      </fieldset>
    </Form>
  );
}

/** The automatic evidence behind a suggested level, counted per check, action and outcome. */
function SuggestionBasis({
  basis,
  actions,
}: {
  basis: Array<{ id: string; ok: boolean }>;
  actions: Record<string, string>;
}) {
  const { t } = useTranslation();
  const counted = new Map<string, { met: number; total: number }>();
  for (const b of basis) {
    const c = counted.get(b.id) ?? { met: 0, total: 0 };
    counted.set(b.id, { met: c.met + (b.ok ? 1 : 0), total: c.total + 1 });
  }
  const label = (id: string) => {
    if (id.startsWith("action:")) return t("reviews.basis.action", { label: actions[id.slice(7)] ?? id.slice(7) });
    if (id.startsWith("resolved")) {
      const of = id.split(":")[1];
      return of ? t("reviews.basis.resolvedOf", { name: actions[`name:${of}`] ?? of }) : t("reviews.basis.resolved");
    }
    return t(`reviews.checkNames.${id}`);
  };
  return (
    <details className="mt-1 text-xs text-slate-700">
      <summary className="cursor-pointer">{t("reviews.basis.title")}</summary>
      <ul className="mt-1 space-y-0.5 pl-1" data-basis>
        {[...counted].map(([id, c]) => (
          <li key={id} className="flex justify-between gap-2">
            <span>{label(id)}</span>
            <span className="tabular-nums">
              {c.total === 1 ? (c.met ? t("reviews.basis.yes") : t("reviews.basis.no")) : `${c.met}/${c.total}`}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
