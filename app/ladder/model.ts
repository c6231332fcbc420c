// The career ladder as content (courses/ladder.yml): levels and the behaviours a mentor
// signs off at each. Issue 7 adds each level's other requirements.
import { type Level } from "#app/courses/model.ts";
import { type Locale } from "#app/utils/i18n.ts";

export type Localized = Record<Locale, string>;

export type LadderLevel = {
  id: Level;
  title: Localized;
  behaviours: Array<{ id: string; title: Localized }>;
};

export type Ladder = { levels: LadderLevel[] };

export const localize = (text: Localized, locale: Locale) => text[locale] || text.en;
