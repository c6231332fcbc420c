// The manager's form for one trainee: mentor, target level and due date, checked in the
// browser with the server's own schema.
import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button, useFieldMessage } from "#app/components/ui/field.tsx";
import { levels } from "#app/content/vocabulary.ts";
import { toDateInput } from "#app/utils/format.ts";
import { AssignSchema } from "./schemas.ts";

type Props = {
  person: {
    id: string;
    name: string;
    mentor: { id: string } | null;
    goal: { targetLevel: string; dueDate: string | Date } | null;
    nextLevel: string | null;
  };
  mentors: Array<{ id: string; name: string }>;
  levelTitles: Record<string, string>;
  busy: boolean;
  /** The server's answer when this form was sent and refused, and the refusal's message. */
  lastResult?: SubmissionResult<string[]> | null;
  refused?: string | null;
  cancelHref: string;
};

export function AssignForm({ person, mentors, levelTitles, busy, lastResult, refused, cancelHref }: Props) {
  const { t } = useTranslation();
  const say = useFieldMessage();
  const [form, fields] = useForm({
    id: `assign-${person.id}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AssignSchema }),
  });
  const sent = (name: "mentorId" | "targetLevel" | "dueDate") => {
    const value = fields[name].initialValue;
    return typeof value === "string" ? value : undefined;
  };
  const messages = [...(refused ? [refused] : []), ...Object.values(form.allErrors).flat().map(say)];
  const select = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1.5";
  return (
    <section
      id="assign"
      aria-labelledby="assign-title"
      className="rounded-lg border border-brand-100 bg-white p-4 print:hidden"
    >
      <h2 id="assign-title" className="font-semibold">
        {t("team.changeFor", { name: person.name })}
      </h2>
      {messages.length ? <Alert className="mt-2">{messages.join(" ")}</Alert> : null}
      <Form
        method="post"
        className="mt-3 flex flex-wrap items-end gap-3 text-sm"
        preventScrollReset
        {...getFormProps(form)}
      >
        <input type="hidden" name="traineeId" value={person.id} />
        <label>
          {t("team.mentor")}
          <select name="mentorId" defaultValue={sent("mentorId") ?? person.mentor?.id ?? ""} className={select}>
            <option value="">{t("team.keepMentor")}</option>
            {mentors.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("team.targetLevel")}
          <select
            name="targetLevel"
            defaultValue={sent("targetLevel") ?? person.goal?.targetLevel ?? person.nextLevel ?? "L1"}
            className={select}
          >
            {levels.map((l) => (
              <option key={l} value={l}>
                {l} · {levelTitles[l]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("team.dueDate")}
          <input
            type="date"
            name="dueDate"
            required
            defaultValue={sent("dueDate") ?? toDateInput(person.goal?.dueDate)}
            className="mt-1 block rounded border border-slate-300 px-2 py-1.5"
          />
        </label>
        <Button type="submit" disabled={busy}>
          {t("team.save")}
        </Button>
        <Link to={cancelHref} className="text-sm underline">
          {t("team.cancel")}
        </Link>
      </Form>
    </section>
  );
}
