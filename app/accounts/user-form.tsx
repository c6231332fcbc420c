import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LocaleOptions } from "#app/components/locale-options.tsx";
import { Button, ErrorList, Field, SelectField } from "#app/components/ui/field.tsx";
import { roles } from "./roles.ts";
import { UserFormSchema } from "./schemas.ts";

type Props = {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: {
    email: string;
    name: string;
    roles: string[];
    teamId: string | null;
    mentorId: string | null;
    startDate: string;
    locale: string;
    password?: string;
  };
  options: { teams: Array<{ id: string; name: string }>; mentors: Array<{ id: string; name: string }> };
  submitLabel: string;
  passwordLabel: string;
};

/** The admin's form for one person, used to create and to edit. */
export function UserForm({ lastResult, defaultValue, options, submitLabel, passwordLabel }: Props) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "user",
    lastResult,
    defaultValue: defaultValue ?? { roles: ["trainee"], locale: "auto" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UserFormSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <Form method="post" className="max-w-2xl space-y-4" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      <Field
        label={t("admin.users.name")}
        errors={fields.name.errors}
        inputProps={getInputProps(fields.name, { type: "text" })}
      />
      <Field
        label={t("admin.users.email")}
        errors={fields.email.errors}
        inputProps={getInputProps(fields.email, { type: "email" })}
      />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t("admin.users.roles")}</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {getCollectionProps(fields.roles, { type: "checkbox", options: [...roles] }).map((props) => (
            <label key={props.key} className="flex items-center gap-2 text-sm">
              <input {...props} key={props.key} className="size-4" />
              {t(`roles.${props.value}`)}
            </label>
          ))}
        </div>
        <ErrorList errors={fields.roles.errors} />
      </fieldset>
      <SelectField
        label={t("admin.users.team")}
        errors={fields.teamId.errors}
        selectProps={getSelectProps(fields.teamId)}
      >
        <option value="">{t("admin.users.noTeam")}</option>
        {options.teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("admin.users.mentor")}
        errors={fields.mentorId.errors}
        selectProps={getSelectProps(fields.mentorId)}
      >
        <option value="">{t("admin.users.noMentor")}</option>
        {options.mentors.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </SelectField>
      <Field
        label={t("admin.users.startDate")}
        errors={fields.startDate.errors}
        inputProps={getInputProps(fields.startDate, { type: "date" })}
      />
      <SelectField
        label={t("admin.users.locale")}
        errors={fields.locale.errors}
        selectProps={getSelectProps(fields.locale)}
      >
        <LocaleOptions />
      </SelectField>
      <Field
        label={passwordLabel}
        hint={t("profile.passwordHint")}
        errors={fields.password.errors}
        inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
      />
      <ErrorList errors={form.errors} />
      <Button type="submit">{submitLabel}</Button>
    </Form>
  );
}
