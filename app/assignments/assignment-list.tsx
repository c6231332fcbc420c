// What a trainee was asked to do: the open ones with their due day (overdue marked) and a
// link, then a short list of the ones done. The home page's "What is due" card and /learn.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useDates } from "#app/components/dates.tsx";

type Item = {
  id: string;
  kind: string;
  title: string;
  href: string;
  dueDate: string;
  note: string;
  assignedBy: string;
  done: boolean;
  overdue: boolean;
};

/** Done ones shown below the open ones. */
const DONE_SHOWN = 3;

export function AssignmentList({ items }: { items: Item[] }) {
  const { t } = useTranslation();
  const dates = useDates();
  const open = items.filter((a) => !a.done);
  const done = items.filter((a) => a.done).slice(-DONE_SHOWN);
  if (!items.length) return <p>{t("assignments.none")}</p>;
  return (
    <div className="space-y-3" data-assignments>
      {open.length ? (
        <ul className="space-y-2">
          {open.map((a) => (
            <li key={a.id} data-assignment={a.id} data-overdue={a.overdue || undefined}>
              <Link to={a.href} className="font-medium text-brand-700 underline">
                {a.title}
              </Link>{" "}
              <span className="text-slate-600">({t(`assignments.kinds.${a.kind}`)})</span>
              <span className="block text-xs text-slate-700">
                {t("assignments.due", { date: dates.calendarDate(a.dueDate) })}
                {a.overdue ? (
                  <strong className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-red-800">
                    {t("assignments.overdue")}
                  </strong>
                ) : null}
                {" · "}
                {t("assignments.by", { name: a.assignedBy })}
              </span>
              {a.note ? <span className="block text-xs whitespace-pre-line text-slate-600">{a.note}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("assignments.none")}</p>
      )}
      {done.length ? (
        <div>
          <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{t("assignments.doneTitle")}</h3>
          <ul className="mt-1 space-y-1">
            {done.map((a) => (
              <li key={a.id} data-assignment-done={a.id} className="text-slate-600">
                <span aria-hidden="true">✓ </span>
                {a.title} <span className="sr-only">{t("assignments.done")}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
