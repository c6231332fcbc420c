// Reads and checks courses/ladder.yml.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { type Problem } from "#app/courses/content.server.ts";
import { levels, SLUG, tracks } from "#app/courses/model.ts";
import { locales } from "#app/utils/i18n.ts";
import {
  type Ladder,
  type LadderLevel,
  type LadderStage,
  type LadderTrack,
  type Localized,
  type Requirements,
} from "./model.ts";

/** What requirements may name; without it (the build, the app) references are not checked. */
export type KnownContent = { courses: Set<string>; quizzes: Set<string>; scenarios: Set<string> };

const FILE = "ladder.yml";

type Raw = Record<string, unknown>;
const asRaw = (v: unknown): Raw => (v && typeof v === "object" && !Array.isArray(v) ? (v as Raw) : {});
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function readLadder(root: string, problems: Problem[], known?: KnownContent): Ladder {
  const file = path.join(root, FILE);
  if (!existsSync(file)) {
    problems.push({ file: FILE, line: 1, message: "the career ladder (ladder.yml) is missing" });
    return { levels: [], tracks: [] };
  }
  const source = readFileSync(file, "utf8");
  const lineOf = (needle: string) => {
    const index = source.indexOf(needle);
    return index < 0 ? 1 : source.slice(0, index).split("\n").length;
  };
  let raw: Raw;
  try {
    raw = asRaw(parse(source));
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line ?? 1;
    problems.push({ file: FILE, line, message: `not valid YAML: ${String((error as Error).message).split("\n")[0]}` });
    return { levels: [], tracks: [] };
  }
  const say = (needle: string, message: string) => problems.push({ file: FILE, line: lineOf(needle), message });
  const localized = (value: unknown, where: string, needle: string): Localized => {
    const map = asRaw(value);
    const missing = locales.filter((l) => typeof map[l] !== "string" || !(map[l] as string).trim());
    if (missing.length) say(needle, `${where}: the title needs ${missing.join(", ")}`);
    return Object.fromEntries(
      locales.map((l) => [l, typeof map[l] === "string" ? (map[l] as string).trim() : ""]),
    ) as Localized;
  };
  const requirements = (value: unknown, where: string, needle: string): Requirements => {
    const raw = asRaw(value);
    const courses = asList(raw.courses).map(String);
    const quizzes = asList(raw.quizzes).map((q) => {
      const quiz = asRaw(q);
      return { id: String(quiz.id ?? ""), minScore: Number(quiz.minScore) };
    });
    const scenarios = asList(raw.scenarios).map((q) => {
      const scenario = asRaw(q);
      return { id: String(scenario.id ?? ""), minRubric: Number(scenario.minRubric) };
    });
    for (const q of quizzes)
      if (!Number.isFinite(q.minScore) || q.minScore < 0 || q.minScore > 100)
        say(needle, `${where}: quiz "${q.id}" needs a minScore from 0 to 100`);
    for (const sc of scenarios)
      if (!Number.isFinite(sc.minRubric) || sc.minRubric < 1 || sc.minRubric > 4)
        say(needle, `${where}: scenario "${sc.id}" needs a minRubric from 1 to 4`);
    if (known) {
      for (const c of courses)
        if (!known.courses.has(c)) say(`${c}`, `${where} requires the course "${c}", which does not exist`);
      for (const q of quizzes)
        if (!known.quizzes.has(q.id)) say(`id: ${q.id}`, `${where} requires the quiz "${q.id}", which does not exist`);
      for (const sc of scenarios)
        if (!known.scenarios.has(sc.id))
          say(`id: ${sc.id}`, `${where} requires the scenario "${sc.id}", which does not exist`);
    }
    return { courses, quizzes, scenarios };
  };
  const stage = (item: Raw, id: string, needle: string, what: string): LadderStage => {
    const behaviours: LadderStage["behaviours"] = [];
    const seen = new Set<string>();
    for (const b of asList(item.behaviours)) {
      const behaviour = asRaw(b);
      const bid = String(behaviour.id ?? "");
      if (!SLUG.test(bid)) say(`id: ${bid}`, `${id}: behaviour ids are lowercase words joined by dashes ("${bid}")`);
      if (seen.has(bid)) say(`id: ${bid}`, `${id}: behaviour "${bid}" is listed twice`);
      seen.add(bid);
      behaviours.push({ id: bid, title: localized(behaviour.title, `${id} behaviour "${bid}"`, `id: ${bid}`) });
    }
    return {
      id,
      title: localized(item.title, `${what} ${id}`, needle),
      requires: requirements(item.requires, `${what} ${id}`, needle),
      behaviours,
    };
  };
  const result: LadderLevel[] = [];
  const seenLevels = new Set<string>();
  for (const item of asList(raw.levels)) {
    const level = asRaw(item);
    const id = String(level.id ?? "");
    const needle = `id: ${id}`;
    if (!(levels as readonly string[]).includes(id)) {
      say(needle, `unknown level "${id}" (use ${levels.join(", ")})`);
      continue;
    }
    if (seenLevels.has(id)) say(needle, `level ${id} is listed twice`);
    seenLevels.add(id);
    result.push({ ...stage(level, id, needle, "level"), id: id as LadderLevel["id"] });
  }
  const trackList: LadderTrack[] = [];
  for (const item of asList(raw.tracks)) {
    const track = asRaw(item);
    const id = String(track.id ?? "");
    const needle = `id: ${id}`;
    if (!(tracks as readonly string[]).includes(id)) {
      say(needle, `unknown track "${id}" (use ${tracks.join(", ")})`);
      continue;
    }
    const from = String(track.from ?? "");
    if (!(levels as readonly string[]).includes(from)) say(needle, `track ${id}: "from" must be a level (L1–L5)`);
    trackList.push({
      ...stage(track, id, needle, "track"),
      id: id as LadderTrack["id"],
      from: from as LadderTrack["from"],
    });
  }
  for (const level of levels) if (!seenLevels.has(level)) say("levels:", `level ${level} is missing`);
  return { levels: result.sort((a, b) => levels.indexOf(a.id) - levels.indexOf(b.id)), tracks: trackList };
}
