// One behaviour's sign-off on a trainee's page: a note and Confirm (or Withdraw, once it is
// confirmed). The note is checked in the browser with the server's own schema.
import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, useFieldMessage } from "#app/components/ui/field.tsx";
import { MAX_SIGNOFF_NOTE } from "./limits.ts";
import { SignOffFormSchema } from "./schemas.ts";

type Props = {
  level: string;
  behaviour: { id: string; title: string; confirmed: boolean };
  busy: boolean;
  /** The server's answer, when this behaviour's form was the one sent and it was refused. */
  lastResult?: SubmissionResult<string[]> | null;
  refused?: string | null;
};

export function SignOffForm({ level, behaviour, busy, lastResult, refused }: Props) {
  const { t } = useTranslation();
  const say = useFieldMessage();
  const [form, fields] = useForm({
    id: `sign-off-${level}-${behaviour.id}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignOffFormSchema }),
  });
  const messages = [...(refused ? [refused] : []), ...Object.values(form.allErrors).flat().map(say)];
  const note = fields.note.initialValue;
  return (
    <>
      {messages.length ? (
        <p role="alert" className="mt-1 text-sm text-red-800">
          {messages.join(" ")}
        </p>
      ) : null}
      <Form method="post" className="mt-2 flex flex-wrap items-end gap-2" preventScrollReset {...getFormProps(form)}>
        <input type="hidden" name="level" value={level} />
        <input type="hidden" name="behaviour" value={behaviour.id} />
        <label className="min-w-64 flex-1 text-sm">
          <span className="sr-only">{t("trainee.note", { behaviour: behaviour.title })}</span>
          <input
            name="note"
            maxLength={MAX_SIGNOFF_NOTE}
            defaultValue={typeof note === "string" ? note : ""}
            placeholder={t("trainee.notePlaceholder")}
            className="block w-full rounded border border-slate-300 px-2 py-1.5"
          />
        </label>
        {behaviour.confirmed ? (
          <Button type="submit" name="intent" value="withdraw" variant="secondary" disabled={busy}>
            {t("trainee.withdraw")}
          </Button>
        ) : (
          <Button type="submit" name="intent" value="confirm" disabled={busy}>
            {t("trainee.confirm")}
          </Button>
        )}
      </Form>
    </>
  );
}
