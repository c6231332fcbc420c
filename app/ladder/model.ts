// The career ladder as content (courses/ladder.yml): levels L1–L5 and the specialist
// tracks that branch from L2, each with what it requires.
import { type Level, type Track } from "#app/courses/model.ts";
import { type Locale } from "#app/utils/i18n.ts";

export type Localized = Record<Locale, string>;

export type Requirements = {
  courses: string[];
  quizzes: Array<{ id: string; minScore: number }>;
  /** The mean rubric level (1–4) of a mentor's grade that passed. */
  scenarios: Array<{ id: string; minRubric: number }>;
};

export type LadderStage = {
  id: string;
  title: Localized;
  requires: Requirements;
  behaviours: Array<{ id: string; title: Localized }>;
};

export type LadderLevel = LadderStage & { id: Level };
export type LadderTrack = LadderStage & { id: Track; from: Level };

export type Ladder = { levels: LadderLevel[]; tracks: LadderTrack[] };

export const localize = (text: Localized, locale: Locale) => text[locale] || text.en;
