// Reads courses/<course>/quizzes/*.yml, checks every rule of docs/authoring.md, and splits
// each quiz into what the browser may see and the server-only key.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { type Problem } from "#app/courses/content.server.ts";
import { isCompetency, SLUG } from "#app/courses/model.ts";
import { isLocale, type Locale, locales } from "#app/utils/i18n.ts";
import {
  channels,
  type Channel,
  type PublicQuestion,
  type QuestionKey,
  questionKinds,
  type QuestionKind,
  type QuizRules,
  type QuizVariant,
} from "./model.ts";

export type QuizFileEntry = {
  file: string;
  locale: Locale;
  final: boolean;
  rules: QuizRules;
  variant: QuizVariant;
};

export type QuizEntry = { id: string; courseSlug: string; variants: Partial<Record<Locale, QuizFileEntry>> };

const QUIZ_FILE = /^([a-z0-9]+(?:-[a-z0-9]+)*)(?:\.([A-Za-z-]+))?\.yml$/;

type Located = { value: unknown; line: number };

/** YAML with the line of every node, so problems point at the question or option. */
function parse(source: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, keepSourceTokens: false });
  const lineOf = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lineCounter.linePos(range[0]).line : 1;
  };
  return {
    doc,
    lineOf,
    error: doc.errors[0]
      ? { message: doc.errors[0].message.split("\n")[0] ?? "", line: lineCounter.linePos(doc.errors[0].pos[0]).line }
      : null,
  };
}

function get(node: YamlNode | null | undefined, key: string, lineOf: (n: unknown) => number): Located | null {
  if (!isMap(node)) return null;
  const pair = node.items.find((item) => String((item.key as { value?: unknown })?.value) === key);
  if (!pair) return null;
  const value = pair.value as YamlNode | null;
  return {
    value: value && "toJSON" in value ? (value as { toJSON(): unknown }).toJSON() : (value as unknown),
    line: lineOf(pair.key),
  };
}

export function readQuizzes(
  courseDir: string,
  relCourse: string,
  courseSlug: string,
  problems: Problem[],
): QuizEntry[] {
  const dir = path.join(courseDir, "quizzes");
  if (!existsSync(dir)) return [];
  const quizzes = new Map<string, QuizEntry>();
  const withEnglishFile = new Set<string>();
  for (const name of readdirSync(dir).sort()) {
    const rel = `${relCourse}/quizzes/${name}`;
    const match = QUIZ_FILE.exec(name);
    if (!match) {
      problems.push({
        file: rel,
        line: 1,
        message: "quiz files are named <quiz-id>.yml, or <quiz-id>.<locale>.yml for a translation",
      });
      continue;
    }
    const locale = match[2] ?? "en";
    if (!isLocale(locale) || (match[2] && locale === "en")) {
      problems.push({
        file: rel,
        line: 1,
        message: `unknown locale "${locale}" (use ${locales.filter((l) => l !== "en").join(", ")})`,
      });
      continue;
    }
    const id = match[1] ?? "";
    if (locale === "en") withEnglishFile.add(id);
    const entry = readQuizFile(path.join(dir, name), rel, id, locale, problems);
    const quiz = quizzes.get(id) ?? { id, courseSlug, variants: {} };
    if (entry) quiz.variants[locale] = entry;
    quizzes.set(id, quiz);
  }
  const result = [...quizzes.values()];
  for (const quiz of result) {
    const english = quiz.variants.en;
    if (!english) {
      const any = Object.values(quiz.variants)[0];
      if (any && !withEnglishFile.has(quiz.id)) {
        problems.push({ file: any.file, line: 1, message: `translation without an English quiz "${quiz.id}"` });
      }
      continue;
    }
    for (const variant of Object.values(quiz.variants)) {
      if (variant && variant !== english) compareVariant(english, variant, problems);
    }
  }
  return result.filter((quiz) => quiz.variants.en);
}

function compareVariant(english: QuizFileEntry, variant: QuizFileEntry, problems: Problem[]) {
  const say = (message: string) => problems.push({ file: variant.file, line: 1, message });
  if (english.final !== variant.final || JSON.stringify(english.rules) !== JSON.stringify(variant.rules)) {
    say("final, passMark, maxAttempts, waitMinutes and shuffle must be the same as in the English quiz");
  }
  const a = english.variant.questions;
  const b = variant.variant.questions;
  const ids = (qs: PublicQuestion[]) => qs.map((q) => q.id).join(", ");
  if (ids(a) !== ids(b)) {
    say(`question ids differ from the English quiz (English: ${ids(a)}; here: ${ids(b)})`);
    return;
  }
  for (const question of a) {
    const other = b.find((q) => q.id === question.id);
    if (!other) continue;
    if (other.kind !== question.kind) say(`question "${question.id}": kind differs from the English quiz`);
    if (other.options.map((o) => o.id).join() !== question.options.map((o) => o.id).join()) {
      say(`question "${question.id}": option ids differ from the English quiz`);
    }
    if (variant.variant.keys[question.id]?.correct.join() !== english.variant.keys[question.id]?.correct.join()) {
      say(`question "${question.id}": correct answers differ from the English quiz`);
    }
    if ([...other.competencies].sort().join() !== [...question.competencies].sort().join()) {
      say(`question "${question.id}": competencies differ from the English quiz`);
    }
  }
}

function readQuizFile(
  absolutePath: string,
  file: string,
  id: string,
  locale: Locale,
  problems: Problem[],
): QuizFileEntry | null {
  const { doc, lineOf, error } = parse(readFileSync(absolutePath, "utf8"));
  if (error) {
    problems.push({ file, line: error.line, message: `not valid YAML: ${error.message}` });
    return null;
  }
  const root = doc.contents as YamlNode | null;
  const before = problems.length;
  const problem = (line: number, message: string) => problems.push({ file, line, message });
  const str = (node: YamlNode | null | undefined, key: string, where: string, required = true) => {
    const found = get(node, key, lineOf);
    if (typeof found?.value === "string" && found.value.trim()) return found.value.trim();
    if (required) problem(found?.line ?? lineOf(node), `${where}: missing "${key}"`);
    return "";
  };
  const idField = get(root, "id", lineOf);
  if (idField?.value !== id) problem(idField?.line ?? 1, `id must be "${id}", the file's name`);
  const title = str(root, "title", "quiz");
  const final = get(root, "final", lineOf);
  if (typeof final?.value !== "boolean") problem(final?.line ?? 1, 'quiz: "final" must be true or false');
  const number = (key: string, min: number, max: number, required: boolean) => {
    const found = get(root, key, lineOf);
    if (found === null && !required) return null;
    const value = found?.value;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      problem(found?.line ?? 1, `quiz: "${key}" must be a whole number from ${min} to ${max}`);
      return null;
    }
    return value;
  };
  const passMark = number("passMark", 1, 100, true) ?? 70;
  const maxAttempts = number("maxAttempts", 1, 100, false);
  const waitMinutes = number("waitMinutes", 1, 60 * 24 * 30, false);
  const shuffle = get(root, "shuffle", lineOf);
  if (shuffle && typeof shuffle.value !== "boolean") problem(shuffle.line, 'quiz: "shuffle" must be true or false');

  const questionsPair = isMap(root)
    ? root.items.find((item) => String((item.key as { value?: unknown })?.value) === "questions")
    : undefined;
  const questionsNode = questionsPair?.value as YamlNode | undefined;
  if (!isSeq(questionsNode) || questionsNode.items.length === 0) {
    problem(questionsPair ? lineOf(questionsPair.key) : 1, "quiz: questions must be a non-empty list");
    return null;
  }
  const questions: PublicQuestion[] = [];
  const keys: Record<string, QuestionKey> = {};
  for (const node of questionsNode.items as YamlNode[]) {
    const line = lineOf(node);
    const qid = str(node, "id", "question");
    const where = `question "${qid || "?"}"`;
    if (qid && !SLUG.test(qid)) problem(line, `${where}: ids are lower-case words joined by dashes`);
    if (qid && keys[qid]) problem(line, `duplicate question id "${qid}"`);
    const kindField = get(node, "kind", lineOf);
    const kind = kindField?.value as QuestionKind;
    if (!(questionKinds as readonly unknown[]).includes(kind)) {
      problem(kindField?.line ?? line, `${where}: kind must be one of ${questionKinds.join(", ")}`);
      continue;
    }
    const compField = get(node, "competencies", lineOf);
    const competencies = Array.isArray(compField?.value) ? (compField.value as unknown[]) : [];
    if (competencies.length === 0) problem(compField?.line ?? line, `${where}: competencies must be a non-empty list`);
    for (const c of competencies)
      if (!isCompetency(c)) problem(compField?.line ?? line, `${where}: unknown competency "${String(c)}"`);
    const prompt = str(node, "prompt", where);
    const explanation = str(node, "explanation", where);
    let customer: string | null = null;
    let channel: Channel | null = null;
    if (kind === "best-response") {
      customer = str(node, "customer", where);
      const channelField = get(node, "channel", lineOf);
      if (!(channels as readonly unknown[]).includes(channelField?.value)) {
        problem(channelField?.line ?? line, `${where}: channel must be one of ${channels.join(", ")}`);
      } else channel = channelField?.value as Channel;
    }
    const listKey = kind === "ordering" ? "items" : "options";
    const listPair = isMap(node)
      ? node.items.find((item) => String((item.key as { value?: unknown })?.value) === listKey)
      : undefined;
    const listNode = listPair?.value as YamlNode | undefined;
    if (!isSeq(listNode)) {
      problem(listPair ? lineOf(listPair.key) : line, `${where}: missing "${listKey}"`);
      continue;
    }
    const options: PublicQuestion["options"] = [];
    const feedback: Record<string, string> = {};
    const correct: string[] = [];
    for (const optionNode of listNode.items as YamlNode[]) {
      const oline = lineOf(optionNode);
      const oid = String(get(optionNode, "id", lineOf)?.value ?? "");
      if (!oid) problem(oline, `${where}: an option has no id`);
      if (options.some((o) => o.id === oid)) problem(oline, `${where}: duplicate option id "${oid}"`);
      const text = kind === "true-false" ? "" : str(optionNode, "text", `${where}, option "${oid}"`);
      if (kind !== "ordering") {
        feedback[oid] = str(optionNode, "feedback", `${where}, option "${oid}"`);
        const isCorrect = get(optionNode, "correct", lineOf);
        if (isCorrect && typeof isCorrect.value !== "boolean")
          problem(isCorrect.line, `${where}: "correct" must be true or false`);
        if (isCorrect?.value === true) correct.push(oid);
      } else {
        correct.push(oid);
      }
      options.push({ id: oid, text });
    }
    if (kind === "single" || kind === "best-response") {
      if (correct.length !== 1)
        problem(line, `${where}: a ${kind} question needs exactly one correct option (has ${correct.length})`);
      if (options.length < 2) problem(line, `${where}: needs at least two options`);
    } else if (kind === "multiple") {
      if (correct.length === 0) problem(line, `${where}: a multiple question needs at least one correct option`);
      if (options.length < 2) problem(line, `${where}: needs at least two options`);
    } else if (kind === "true-false") {
      if (
        options
          .map((o) => o.id)
          .sort()
          .join() !== "false,true"
      )
        problem(line, `${where}: a true-false question has exactly the options "true" and "false"`);
      if (correct.length !== 1) problem(line, `${where}: a true-false question needs exactly one correct option`);
    } else if (options.length < 2) {
      problem(line, `${where}: an ordering question needs at least two items`);
    }
    if (qid) {
      questions.push({
        id: qid,
        kind,
        competencies: competencies.filter(isCompetency),
        prompt,
        customer,
        channel,
        options,
      });
      keys[qid] = { correct, feedback, explanation };
    }
  }
  if (problems.length > before) return null;
  return {
    file,
    locale,
    final: final?.value === true,
    rules: { passMark, maxAttempts, waitMinutes, shuffle: shuffle?.value !== false },
    variant: { title, questions, keys },
  };
}
