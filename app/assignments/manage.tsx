// On a trainee's page: what they were assigned (with a withdraw form that asks for a tick
// first), and the form to assign them something. Both post to /assignments.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useDates } from "#app/components/dates.tsx";

type Item = {
  id: string;
  kind: string;
  title: string;
  dueDate: string;
  note: string;
  assignedBy: string;
  done: boolean;
  overdue: boolean;
};
type Options = Record<"course" | "quiz" | "scenario", Array<{ value: string; title: string }>>;

const field = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5";
const button = "rounded bg-brand-700 px-3 py-1.5 font-medium text-white hover:bg-brand-800";

export function ManageAssignments({
  userId,
  back,
  items,
  options,
  today,
}: {
  userId: string;
  back: string;
  items: Item[];
  options: Options;
  today: string;
}) {
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <section
      id="assignments"
      aria-labelledby="assignments-title"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="assignments-title" className="text-xl font-semibold">
        {t("assignments.listFor")}
      </h2>
      {items.length === 0 ? <p className="text-sm text-slate-600">{t("assignments.none")}</p> : null}
      <ul className="divide-y divide-slate-100 text-sm">
        {items.map((a) => (
          <li key={a.id} className="flex flex-wrap items-start justify-between gap-2 py-2" data-assignment={a.id}>
            <span>
              {a.title} <span className="text-slate-600">({t(`assignments.kinds.${a.kind}`)})</span>
              <span className="block text-xs text-slate-700">
                {t("assignments.due", { date: dates.calendarDate(a.dueDate) })} ·{" "}
                {t("assignments.by", { name: a.assignedBy })}
                {a.done ? <strong className="ml-2 text-emerald-800">{t("assignments.done")}</strong> : null}
                {a.overdue ? <strong className="ml-2 text-red-800">{t("assignments.overdue")}</strong> : null}
              </span>
            </span>
            <Form method="post" action="/assignments" className="flex flex-wrap items-center gap-2">
              <input type="hidden" name="intent" value="withdraw" />
              <input type="hidden" name="assignmentId" value={a.id} />
              <input type="hidden" name="back" value={back} />
              <label className="flex items-center gap-1 text-xs">
                <input type="checkbox" name="confirm" value="yes" required />
                {t("assignments.confirm")}
              </label>
              <button type="submit" className="rounded border border-slate-300 px-2 py-1 text-xs">
                {t("assignments.withdraw")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <Form
        method="post"
        action="/assignments"
        className="grid gap-3 border-t border-slate-100 pt-4 text-sm sm:grid-cols-2"
      >
        <h3 className="font-semibold sm:col-span-2">{t("assignments.form.title")}</h3>
        <input type="hidden" name="intent" value="assign" />
        <input type="hidden" name="userIds[0]" value={userId} />
        <input type="hidden" name="back" value={back} />
        <label className="sm:col-span-2">
          {t("assignments.form.item")}
          <select name="item" required className={field}>
            {(["course", "quiz", "scenario"] as const).map((kind) => (
              <optgroup key={kind} label={t(`assignments.kinds.${kind}`)}>
                {options[kind].map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.title}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label>
          {t("assignments.form.difficulty")}
          <select name="difficulty" className={field}>
            <option value="">{t("assignments.form.anyDifficulty")}</option>
            {(["easy", "normal", "hard"] as const).map((d) => (
              <option key={d} value={d}>
                {t(`scenario.difficulty.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("assignments.form.dueDate")}
          <input type="date" name="dueDate" required min={today} className={field} />
        </label>
        <label className="sm:col-span-2">
          {t("assignments.form.note")}
          <textarea name="note" maxLength={500} rows={2} className={field} />
        </label>
        <div className="sm:col-span-2">
          <button type="submit" className={button}>
            {t("assignments.form.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
