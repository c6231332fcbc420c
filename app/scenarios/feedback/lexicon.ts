// The shape of a language's word lists for the free-text checks (rules.server.ts).

/** A phrase (matched as whole words, ignoring case and accents) or a pattern on normalised text. */
export type Cue = string | RegExp;

export type Lexicon = {
  greetings: Cue[];
  feelings: Cue[];
  apologies: Cue[];
  /** Phrases that shut the customer down ("calm down", "that's not my job", "nothing I can do"). */
  banned: Cue[];
  /** Phrases that put the fault on the customer, or anywhere but on us ("as I said", "you should have"). */
  blame: Cue[];
  /** Saying what happens next ("I will…", "I have sent…"). */
  nextSteps: Cue[];
  /** When it happens ("by Friday", "within 24 hours", "tomorrow"). */
  timeFrames: Cue[];
  /** Offering more help at the end. */
  closings: Cue[];
  /** Upper-case words that are not shouting. */
  acronyms: string[];
};
