import { type Answers } from "./grade.server.ts";

const MAX_FIELDS = 500;

/**
 * Form fields → answers. `answer:<question>` carries chosen option ids; `order:<question>:<item>`
 * carries an item's position (1 = first). Returns null for a malformed form.
 */
export function answersFromForm(formData: FormData): Answers | null {
  const answers: Answers = {};
  const positions = new Map<string, Array<{ item: string; position: number }>>();
  let fields = 0;
  for (const [name, value] of formData) {
    if (++fields > MAX_FIELDS || typeof value !== "string") return null;
    if (name.startsWith("answer:")) {
      const question = name.slice("answer:".length);
      (answers[question] ??= []).push(value);
    } else if (name.startsWith("order:")) {
      const [, question = "", item = ""] = name.split(":");
      const position = Number(value);
      if (!Number.isInteger(position)) return null;
      positions.set(question, [...(positions.get(question) ?? []), { item, position }]);
    }
  }
  for (const [question, items] of positions) {
    const sorted = [...items].sort((a, b) => a.position - b.position);
    // Two items given the same position make the order incomplete; grading refuses it.
    const distinct = new Set(sorted.map((s) => s.position)).size === sorted.length;
    answers[question] = distinct ? sorted.map((s) => s.item) : [];
  }
  return answers;
}
