// Reads and checks courses/ladder.yml.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { type Problem } from "#app/courses/content.server.ts";
import { levels, SLUG } from "#app/courses/model.ts";
import { locales } from "#app/utils/i18n.ts";
import { type Ladder, type LadderLevel, type Localized } from "./model.ts";

const FILE = "ladder.yml";

type Raw = Record<string, unknown>;
const asRaw = (v: unknown): Raw => (v && typeof v === "object" && !Array.isArray(v) ? (v as Raw) : {});
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function readLadder(root: string, problems: Problem[]): Ladder {
  const file = path.join(root, FILE);
  if (!existsSync(file)) {
    problems.push({ file: FILE, line: 1, message: "the career ladder (ladder.yml) is missing" });
    return { levels: [] };
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
    return { levels: [] };
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
    const behaviours: LadderLevel["behaviours"] = [];
    const seen = new Set<string>();
    for (const b of asList(level.behaviours)) {
      const behaviour = asRaw(b);
      const bid = String(behaviour.id ?? "");
      if (!SLUG.test(bid)) say(`id: ${bid}`, `${id}: behaviour ids are lowercase words joined by dashes ("${bid}")`);
      if (seen.has(bid)) say(`id: ${bid}`, `${id}: behaviour "${bid}" is listed twice`);
      seen.add(bid);
      behaviours.push({ id: bid, title: localized(behaviour.title, `${id} behaviour "${bid}"`, `id: ${bid}`) });
    }
    result.push({ id: id as LadderLevel["id"], title: localized(level.title, `level ${id}`, needle), behaviours });
  }
  for (const level of levels) if (!seenLevels.has(level)) say("levels:", `level ${level} is missing`);
  return { levels: result.sort((a, b) => levels.indexOf(a.id) - levels.indexOf(b.id)) };
}
