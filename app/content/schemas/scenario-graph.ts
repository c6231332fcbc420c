// The rules about where a conversation can go: every step and every ending reachable, no
// step without a way out, no branch or ending hidden behind the ones before it, and no
// rude path to a good ending. Conditions are asked about every case that could happen
// (each combination of the facts they name), through the same `holds` the engine uses.
import { type Condition, expandProblems, firstHolding, type World } from "../conditions.ts";
import { type ReplyProblem, replyProblems, rudeProblems } from "../vocabulary.ts";
import { type Path } from "../yaml.ts";

type Issue = (path: Path, message: string) => void;

type GraphBranch = { when: Condition; next: string };
type GraphEnding = { id: string; when: Condition | null; resolved: boolean };
export type GraphStep = {
  id: string;
  replies: Array<{ id: string; mood: number; next: string; branches: GraphBranch[] }> | null;
  freeText: { next: string; branches: GraphBranch[] } | null;
  endings: GraphEnding[] | null;
  endKey: "end" | "endings" | null;
};
export type GraphConversation = {
  id: string;
  path: Path;
  start: string;
  steps: GraphStep[];
  walkout: string | null;
  requiredActions: Array<{ id: string; type: string; value: string | null }>;
};

/** Where each part of a step is written, for problems. */
export function stepPaths(c: Pick<GraphConversation, "path" | "steps">, i: number) {
  const step = [...c.path, "steps", i];
  const endKey = c.steps[i]?.endKey;
  return {
    step,
    ending: (j: number): Path => (endKey === "end" ? [...step, "end"] : [...step, "endings", j]),
    branch: (reply: number | null, k: number): Path =>
      reply === null ? [...step, "freeText", "branches", k] : [...step, "replies", reply, "branches", k],
    next: (reply: number | null): Path =>
      reply === null ? [...step, "freeText", "next"] : [...step, "replies", reply, "next"],
  };
}

/** A fact a condition can test: reply:<problem>, said:<problem>, done:<action>, team:<team>. */
type Atom = string;
/** Facts held fixed while the others vary (undefined: free). */
type Fixed = (atom: Atom) => boolean | undefined;
const free: Fixed = () => undefined;

/** An escalate action is done exactly when its team was escalated to: one fact, not two. */
const atomOfAction = (c: GraphConversation, id: string): Atom => {
  const action = c.requiredActions.find((a) => a.id === id);
  return action?.type === "escalate" ? `team:${action.value ?? ""}` : `done:${id}`;
};

function atomsOf(c: GraphConversation, when: Condition | null): Atom[] {
  if (!when) return [];
  return [
    ...expandProblems(when.reply ?? []).flatMap((p) => [`reply:${p}`, `said:${p}`]),
    ...expandProblems([...(when.ever ?? []), ...(when.never ?? [])]).map((p) => `said:${p}`),
    ...[...(when.done ?? []), ...(when.missed ?? [])].map((id) => atomOfAction(c, id)),
    ...(when.escalated ?? []).map((team) => `team:${team}`),
  ];
}

/** Past this many free facts a list is not analysed (every case is taken as possible). */
const MAX_FREE_ATOMS = 14;

/**
 * Which conditions of a list can be the first to hold, and whether none can: over every
 * combination of the facts they name, with `fixed` holding some of them.
 */
function outcomes(
  c: GraphConversation,
  conditions: Array<Condition | null>,
  reply: boolean,
  fixed: Fixed = free,
): { first: boolean[]; none: boolean } {
  const atoms = [...new Set(conditions.flatMap((when) => atomsOf(c, when)))];
  const open = atoms.filter((a) => fixed(a) === undefined);
  if (open.length > MAX_FREE_ATOMS) return { first: conditions.map(() => true), none: true };
  const first = conditions.map(() => false);
  let none = false;
  for (let mask = 0; mask < 1 << open.length; mask++) {
    const value = (atom: Atom) =>
      fixed(atom) ?? (open.includes(atom) ? (mask & (1 << open.indexOf(atom))) !== 0 : false);
    // What a reply says is part of what the conversation has said.
    if (reply && replyProblems.some((p) => value(`reply:${p}`) && !value(`said:${p}`))) continue;
    const problems = (prefix: string) => new Set<ReplyProblem>(replyProblems.filter((p) => value(`${prefix}:${p}`)));
    const teams = new Set(atoms.filter((a) => a.startsWith("team:") && value(a)).map((a) => a.slice(5)));
    const world: World = {
      reply: reply ? problems("reply") : null,
      said: problems("said"),
      done: new Set(c.requiredActions.filter((a) => value(atomOfAction(c, a.id))).map((a) => a.id)),
      escalated: teams,
    };
    const index = firstHolding(conditions, world);
    if (index < 0) none = true;
    else first[index] = true;
  }
  return { first, none };
}

type Move = { next: string; at: Path };

/** Where the replies of a step can lead (chosen ones, free text or both), with `fixed` facts. */
function movesOf(
  c: GraphConversation,
  i: number,
  fixed: Fixed,
  which: "replies" | "freeText" | "both" = "both",
): Move[] {
  const step = c.steps[i];
  if (!step) return [];
  const paths = stepPaths(c, i);
  const moves: Move[] = [];
  const follow = (branches: GraphBranch[], next: string, r: number | null) => {
    const o = outcomes(
      c,
      branches.map((b) => b.when),
      r === null,
      fixed,
    );
    branches.forEach((b, k) => {
      if (o.first[k]) moves.push({ next: b.next, at: paths.branch(r, k) });
    });
    if (o.none) moves.push({ next, at: paths.next(r) });
  };
  if (which !== "freeText") step.replies?.forEach((r, j) => follow(r.branches, r.next, j));
  if (which !== "replies" && step.freeText) follow(step.freeText.branches, step.freeText.next, null);
  return moves;
}

const allNexts = (step: GraphStep) => [
  ...(step.replies?.flatMap((r) => [r.next, ...r.branches.map((b) => b.next)]) ?? []),
  ...(step.freeText ? [step.freeText.next, ...step.freeText.branches.map((b) => b.next)] : []),
];

export type GraphOptions = {
  /** The rules on endings (two that resolve, no rude path to the best one) apply. */
  strict: boolean;
  /** Every condition names what exists: only then are branches and endings analysed (else one typo speaks twice). */
  conditions: boolean;
};

/** Every rule about one conversation's steps and endings. */
export function checkGraph(c: GraphConversation, issue: Issue, options: GraphOptions) {
  const index = new Map(c.steps.map((step, i) => [step.id, i]));
  const where = c.path.length ? ` of conversation "${c.id}"` : "";
  let broken = false;
  if (!index.has(c.start)) {
    issue([...c.path, "start"], `start names no step${where} ("${c.start}")`);
    broken = true;
  }
  c.steps.forEach((step, i) => {
    const paths = stepPaths(c, i);
    if (step.replies && (step.replies.length < 2 || step.replies.length > 4))
      issue([...paths.step, "replies"], `step "${step.id}" offers ${step.replies.length} replies (2–4)`);
    const unknown = (next: string, at: Path, what: string) => {
      if (index.has(next)) return;
      issue(at, `${what}: unknown next step "${next}"${where}`);
      broken = true;
    };
    step.replies?.forEach((reply, r) => {
      unknown(reply.next, paths.next(r), `step "${step.id}", reply "${reply.id}"`);
      reply.branches.forEach((b, k) =>
        unknown(b.next, [...paths.branch(r, k), "next"], `step "${step.id}", reply "${reply.id}", branch ${k + 1}`),
      );
    });
    if (step.freeText) {
      unknown(step.freeText.next, paths.next(null), `step "${step.id}"`);
      step.freeText.branches.forEach((b, k) =>
        unknown(b.next, [...paths.branch(null, k), "next"], `step "${step.id}", branch ${k + 1}`),
      );
    }
  });
  const walkoutIndex = c.walkout === null ? undefined : index.get(c.walkout);
  if (c.walkout !== null && walkoutIndex === undefined) {
    issue([...c.path, "walkout"], `walkout names no step${where} ("${c.walkout}")`);
    broken = true;
  } else if (walkoutIndex !== undefined) {
    const target = c.steps[walkoutIndex];
    if (!target?.endings) issue([...c.path, "walkout"], `walkout names step "${c.walkout}", which is not an end step`);
    else if (target.endings.some((e) => e.resolved))
      issue(
        [...c.path, "walkout"],
        `walkout names step "${c.walkout}", which can end resolved: a customer who walks out has not been helped`,
      );
  }
  if (options.conditions) checkLists(c, issue);
  const endings = c.steps.flatMap((s) => s.endings ?? []);
  const failing = endings.some((e) => !e.resolved);
  if (!failing)
    issue(
      c.path.length ? [...c.path, "steps"] : ["steps"],
      `a ${c.path.length ? "conversation" : "scenario"} needs a path that goes wrong: an ending with resolved: false`,
    );
  if (options.strict && new Set(endings.filter((e) => e.resolved).map((e) => e.id)).size < 2)
    issue(
      c.path.length ? [...c.path, "steps"] : ["steps"],
      `a ${c.path.length ? "conversation" : "scenario"} needs at least two endings with resolved: true (a good one and a lesser one), besides the one that goes wrong`,
    );
  // With an unknown step named anywhere, reachability would only repeat that one typo.
  if (broken) return;
  checkReachable(c, index, issue);
  // Without an ending that fails, every path is "resolved": adding one is the fix, not rerouting.
  if (options.strict && failing && options.conditions) checkRudePaths(c, index, issue);
}

/** Branches and endings that can never be the first to hold, and a `next` no reply can take. */
function checkLists(c: GraphConversation, issue: Issue) {
  c.steps.forEach((step, i) => {
    const paths = stepPaths(c, i);
    const check = (branches: GraphBranch[], r: number | null, what: string) => {
      if (!branches.length) return;
      const o = outcomes(
        c,
        branches.map((b) => b.when),
        r === null,
      );
      branches.forEach((_, k) => {
        if (!o.first[k])
          issue(
            paths.branch(r, k),
            `${what}, branch ${k + 1} can never be taken: the branches before it cover every case it covers`,
          );
      });
      if (!o.none) issue(paths.next(r), `${what}: every reply matches a branch, so next is never used`);
    };
    step.replies?.forEach((reply, r) => check(reply.branches, r, `step "${step.id}", reply "${reply.id}"`));
    if (step.freeText) check(step.freeText.branches, null, `step "${step.id}"`);
    if (step.endings && step.endings.length > 1) {
      const o = outcomes(
        c,
        step.endings.map((e) => e.when),
        false,
      );
      step.endings.forEach((e, j) => {
        if (!o.first[j])
          issue(
            paths.ending(j),
            `step "${step.id}": ending "${e.id}" can never happen: the endings before it cover every case it covers`,
          );
      });
    }
  });
}

function checkReachable(c: GraphConversation, index: Map<string, number>, issue: Issue) {
  const reachable = new Set<string>();
  const queue = [c.start];
  // Through replies only: a step that only a walkout leads to is a mistake in the story.
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    if (reachable.has(current)) continue;
    reachable.add(current);
    const i = index.get(current);
    if (i !== undefined) queue.push(...movesOf(c, i, free).map((m) => m.next));
  }
  const canEnd = new Set(c.steps.filter((step) => step.endings).map((step) => step.id));
  for (let changed = true; changed;) {
    changed = false;
    for (const step of c.steps) {
      if (!canEnd.has(step.id) && allNexts(step).some((n) => canEnd.has(n))) {
        canEnd.add(step.id);
        changed = true;
      }
    }
  }
  c.steps.forEach((step, i) => {
    const at = stepPaths(c, i).step;
    if (!reachable.has(step.id)) issue(at, `step "${step.id}" cannot be reached from "${c.start}"`);
    else if (!canEnd.has(step.id)) issue(at, `step "${step.id}" has no way out: no path from it reaches an end`);
  });
}

const bit = (problem: ReplyProblem) => 1 << rudeProblems.findIndex((p) => p === problem);
/** The rude problem an atom with this prefix names, if any. */
const rudeAtom = (atom: Atom, prefix: string) => rudeProblems.find((p) => atom === `${prefix}:${p}`);

/**
 * Follows every path on which some free-text reply was rude (blame, a banned phrase or
 * shouting): the best ending (the first that resolves) must be out of reach, and no
 * resolved ending may be reached with no help-desk work done.
 */
function checkRudePaths(c: GraphConversation, index: Map<string, number>, issue: Issue) {
  let best: { step: number; ending: number } | null = null;
  for (const [i, step] of c.steps.entries()) {
    const j = step.endings?.findIndex((e) => e.resolved) ?? -1;
    if (j >= 0) {
      best = { step: i, ending: j };
      break;
    }
  }
  const seen = new Set<string>();
  const reported = new Set<string>();
  type State = { step: string; said: number; witness: string | null };
  const queue: State[] = [{ step: c.start, said: 0, witness: null }];
  const saidFixed =
    (said: number): Fixed =>
    (atom) => {
      const p = rudeAtom(atom, "said");
      return p ? (said & bit(p)) !== 0 : undefined;
    };
  for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
    const key = `${state.step}|${state.said}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const i = index.get(state.step);
    const step = i === undefined ? undefined : c.steps[i];
    if (i === undefined || !step) continue;
    if (step.endings) {
      if (!state.said || !state.witness) continue;
      const conditions = step.endings.map((e) => e.when);
      const rude = outcomes(c, conditions, false, saidFixed(state.said));
      const lazy = outcomes(c, conditions, false, (atom) =>
        atom.startsWith("done:") || atom.startsWith("team:") ? false : saidFixed(state.said)(atom),
      );
      step.endings.forEach((e, j) => {
        const at = stepPaths(c, i).ending(j);
        const isBest = best?.step === i && best.ending === j;
        if (isBest && rude.first[j] && !reported.has(e.id)) {
          reported.add(e.id);
          issue(
            at,
            `a rude reply (blame, a banned phrase or shouting) at step "${state.witness}" can still end in the best ending "${e.id}": add never: rude to its when, or branch rude replies away`,
          );
        } else if (e.resolved && lazy.first[j] && !reported.has(e.id)) {
          reported.add(e.id);
          issue(
            at,
            `a rude reply at step "${state.witness}" with no help-desk work done can still end in "${e.id}", which is resolved: require the work (done: …) or add never: rude`,
          );
        }
      });
      continue;
    }
    const moves: Array<{ next: string; said: number; witness: string | null }> = [];
    const fixedSaid = saidFixed(state.said);
    for (const move of movesOf(c, i, fixedSaid, "replies"))
      moves.push({ next: move.next, said: state.said, witness: state.witness });
    if (step.freeText) {
      // Each way of being rude (or none), with everything else about the reply left open.
      for (let rudeNow = 0; rudeNow < 1 << rudeProblems.length; rudeNow++) {
        const said = state.said | rudeNow;
        const fixed: Fixed = (atom) => {
          const now = rudeAtom(atom, "reply");
          if (now) return (rudeNow & bit(now)) !== 0;
          const before = rudeAtom(atom, "said");
          return before ? (said & bit(before)) !== 0 : undefined;
        };
        for (const move of movesOf(c, i, fixed, "freeText"))
          moves.push({ next: move.next, said, witness: state.witness ?? (rudeNow ? step.id : null) });
      }
    }
    if (c.walkout !== null) moves.push({ next: c.walkout, said: state.said, witness: state.witness });
    for (const move of moves) queue.push({ step: move.next, said: move.said, witness: move.witness });
  }
}
