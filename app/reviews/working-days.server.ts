// Working days (Monday–Friday on the mentor's calendar, in their time zone) for the review
// target. Only weekday time counts: something submitted on a weekend counts from Monday
// 00:00, and Friday 10:00 plus one working day is Monday 10:00. Counted that way, adding is
// monotonic and subtracting is its inverse, so "submitted before now minus n working days"
// (the SQL count) and "due before now" (the queue's mark) always agree. Bank holidays are
// not counted out: the target is a nudge, not a contract.
import { addLocalDays, isLocalWeekday, localMidnight, localWeekday } from "#app/utils/calendar.server.ts";

/** The next weekday at the same wall-clock time (or before, going back). */
function stepWeekday(time: Date, direction: 1 | -1, timeZone: string) {
  let next = addLocalDays(time, direction, timeZone);
  while (!isLocalWeekday(next, timeZone)) next = addLocalDays(next, direction, timeZone);
  return next;
}

/** The moment n working days after `from` in the zone. */
export function addWorkingDays(from: Date, days: number, timeZone: string) {
  // A weekend moment counts from the Monday after it, at 00:00.
  const weekday = localWeekday(from, timeZone);
  let time = weekday === 6 ? localMidnight(from, 2, timeZone) : weekday === 0 ? localMidnight(from, 1, timeZone) : from;
  for (let left = days; left > 0; left--) time = stepWeekday(time, 1, timeZone);
  return time;
}

/** The moment n working days before `to` in the zone: anything submitted earlier is overdue at `to`. */
export function subtractWorkingDays(to: Date, days: number, timeZone: string) {
  // On a weekend, no working time has passed since Friday ended (Saturday 00:00).
  const weekday = localWeekday(to, timeZone);
  let time = weekday === 6 ? localMidnight(to, 0, timeZone) : weekday === 0 ? localMidnight(to, -1, timeZone) : to;
  for (let left = days; left > 0; left--) time = stepWeekday(time, -1, timeZone);
  return time;
}
