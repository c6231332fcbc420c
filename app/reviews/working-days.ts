// Working days (Monday–Friday, in UTC) for the review target. Bank holidays are not
// counted out: the target is a nudge, not a contract.
const DAY = 24 * 60 * 60 * 1000;
const isWeekday = (time: number) => {
  const day = new Date(time).getUTCDay();
  return day !== 0 && day !== 6;
};

/** The moment n working days after `from`, at the same time of day. */
export function addWorkingDays(from: Date, days: number) {
  let time = from.getTime();
  for (let left = days; left > 0;) {
    time += DAY;
    if (isWeekday(time)) left--;
  }
  return new Date(time);
}

/** The moment n working days before `to`: anything submitted earlier is overdue at `to`. */
export function subtractWorkingDays(to: Date, days: number) {
  let time = to.getTime();
  for (let left = days; left > 0;) {
    time -= DAY;
    if (isWeekday(time)) left--;
  }
  return new Date(time);
}
