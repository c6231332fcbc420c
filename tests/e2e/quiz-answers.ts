import { type Quiz } from "#app/content/catalog.server.ts";

/** The ids of the questions an open attempt's page asks (its form fields name them). */
export function askedIds(html: string) {
  const ids = [...html.matchAll(/name="(?:answer|order):([^":]+)[":]/g)].map((m) => m[1] ?? "");
  return [...new Set(ids)];
}

/**
 * The form a person sends for the questions asked: every answer right, or every answer wrong
 * (an option outside the key; ordering questions in the key's order reversed).
 */
export function answerForm(quiz: Quiz, attemptId: string, asked: string[], right: boolean) {
  const english = quiz.variants.en;
  const body = new URLSearchParams({ intent: "submit", attemptId });
  for (const id of asked) {
    const question = english.questions.find((q) => q.id === id);
    const correct = english.keys[id]?.correct ?? [];
    if (!question) throw new Error(`${quiz.id}: the page asks ${id}, which the quiz does not have`);
    if (question.kind === "ordering") {
      const order = right ? correct : [...correct].reverse();
      order.forEach((item, i) => body.append(`order:${id}:${item}`, String(i + 1)));
    } else if (right) {
      for (const option of question.kind === "multiple" ? correct : correct.slice(0, 1))
        body.append(`answer:${id}`, option);
    } else {
      body.append(`answer:${id}`, question.options.find((o) => !correct.includes(o.id))?.id ?? "");
    }
  }
  return body;
}
