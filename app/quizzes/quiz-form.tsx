import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, ErrorList } from "#app/components/ui/field.tsx";
import { type PublicQuestion } from "#app/content/catalog.server.ts";
import { useHydrated } from "#app/utils/use-hydrated.ts";
import { answerField, quizFormSchema } from "./schemas.ts";

/** What was chosen before a refused submission, so nothing has to be chosen again. */
function chosen(initial: Record<string, unknown> | undefined, question: PublicQuestion): string[] {
  if (!initial) return [];
  if (question.kind !== "ordering") {
    const value = initial[answerField(question.id)];
    return typeof value === "string" ? [value] : Array.isArray(value) ? value.map(String) : [];
  }
  const position = (id: string) => Number(initial[`order:${question.id}:${id}`]);
  return question.options.map((o) => o.id).sort((a, b) => position(a) - position(b));
}

/** The customer's message in a best-response question, in the look of its channel. */
export function CustomerMessage({ text, channel }: { text: string; channel: string | null }) {
  const { t } = useTranslation();
  return (
    <figure className="my-3 max-w-xl rounded-2xl rounded-tl-sm border border-slate-200 bg-slate-100 px-4 py-3">
      <figcaption className="text-xs font-semibold uppercase tracking-wide text-slate-600">
        {t("quiz.customerSays", { channel: t(`quiz.channels.${channel ?? "chat"}`) })}
      </figcaption>
      <blockquote className="mt-1 whitespace-pre-line text-slate-900">{text}</blockquote>
    </figure>
  );
}

function OrderingQuestion({ question, initial }: { question: PublicQuestion; initial?: string[] }) {
  const { t } = useTranslation();
  const start = initial?.length === question.options.length ? initial : question.options.map((o) => o.id);
  const [order, setOrder] = useState(start);
  // The arrows need JavaScript; without it the positions alone order the steps.
  const hydrated = useHydrated();
  const move = (from: number, to: number) => {
    if (to < 0 || to >= order.length) return;
    const next = [...order];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item as string);
    setOrder(next);
  };
  return (
    <>
      <p className="mt-1 text-sm text-slate-600">{t(hydrated ? "quiz.orderHelp" : "quiz.orderHelpPositions")}</p>
      <ol className="mt-3 space-y-2">
        {order.map((id, index) => {
          const option = question.options.find((o) => o.id === id);
          const selectId = `order-${question.id}-${id}`;
          return (
            <li key={id} className="flex flex-wrap items-center gap-2 rounded border border-slate-200 bg-white p-2">
              <label htmlFor={selectId} className="sr-only">
                {t("quiz.positionOf", { item: option?.text })}
              </label>
              <select
                id={selectId}
                name={`order:${question.id}:${id}`}
                value={index + 1}
                onChange={(e) => move(index, Number(e.target.value) - 1)}
                className="rounded border border-slate-300 px-2 py-1"
              >
                {order.map((_, i) => (
                  <option key={i} value={i + 1}>
                    {i + 1}
                  </option>
                ))}
              </select>
              <span className="flex-1">{option?.text}</span>
              {hydrated ? (
                <span className="flex gap-1">
                  <button
                    type="button"
                    onClick={() => move(index, index - 1)}
                    disabled={index === 0}
                    className="rounded border border-slate-300 px-2 py-1 text-sm disabled:opacity-40"
                    aria-label={t("quiz.moveUp", { item: option?.text })}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    onClick={() => move(index, index + 1)}
                    disabled={index === order.length - 1}
                    className="rounded border border-slate-300 px-2 py-1 text-sm disabled:opacity-40"
                    aria-label={t("quiz.moveDown", { item: option?.text })}
                  >
                    ↓
                  </button>
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
    </>
  );
}

/**
 * The attempt as a plain form: radio buttons, checkboxes, and a position list for
 * ordering. Works without JavaScript; with it, the post happens without a full reload.
 */
export function QuizForm({
  attemptId,
  questions,
  lastResult,
}: {
  attemptId: string;
  questions: PublicQuestion[];
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  // The same checks as the server's: an unanswered question is marked before anything is sent.
  const [form] = useForm({
    id: `quiz-${attemptId}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: quizFormSchema(questions) }),
  });
  const initial = lastResult?.initialValue ?? undefined;
  return (
    <Form method="post" className="space-y-6" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="submit" />
      <input type="hidden" name="attemptId" value={attemptId} />
      <ErrorList errors={form.errors} />
      {questions.map((question, n) => {
        const error = form.allErrors[answerField(question.id)]?.[0];
        const given = chosen(initial, question);
        return (
          <fieldset
            key={question.id}
            aria-describedby={error ? `error-${question.id}` : undefined}
            className={`rounded-lg border bg-white p-5 ${error ? "border-red-500" : "border-slate-200"}`}
          >
            <legend className="px-1 text-sm font-semibold text-slate-600">
              {t("quiz.questionNumber", { number: n + 1, total: questions.length })}
            </legend>
            <p className="font-medium text-slate-900">{question.prompt}</p>
            {question.customer ? <CustomerMessage text={question.customer} channel={question.channel} /> : null}
            {question.kind === "multiple" ? <p className="mt-1 text-sm text-slate-600">{t("quiz.chooseAll")}</p> : null}
            {question.kind === "ordering" ? (
              <OrderingQuestion question={question} initial={given} />
            ) : (
              <div className="mt-3 space-y-2">
                {question.options.map((option) => {
                  const id = `q-${question.id}-${option.id}`;
                  return (
                    <div
                      key={option.id}
                      className="flex items-start gap-3 rounded border border-slate-200 p-3 hover:bg-slate-50"
                    >
                      <input
                        id={id}
                        type={question.kind === "multiple" ? "checkbox" : "radio"}
                        name={`answer:${question.id}`}
                        value={option.id}
                        defaultChecked={given.includes(option.id)}
                        className="mt-1 size-4"
                      />
                      <label htmlFor={id} className="flex-1">
                        {question.kind === "true-false" ? t(`quiz.${option.id}`) : option.text}
                      </label>
                    </div>
                  );
                })}
              </div>
            )}
            {error ? (
              <p id={`error-${question.id}`} role="alert" className="mt-2 text-sm text-red-700">
                {t(error)}
              </p>
            ) : null}
          </fieldset>
        );
      })}
      <Button type="submit" disabled={navigation.state === "submitting"}>
        {t("quiz.submit")}
      </Button>
    </Form>
  );
}
