// Where the trainee answers the customer: a choice of replies or a free-text reply (checked
// in the browser with the server's own schema before it is sent), or, once the conversation
// is over, the button that finishes the case.
import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button, useFieldMessage } from "#app/components/ui/field.tsx";
import { ScenarioFormSchema } from "./schemas.ts";
import { type AttemptView, type ConversationView, MAX_REPLY_LENGTH } from "./view.ts";

type Props = {
  view: AttemptView;
  /** The customer this box answers. */
  conversation: ConversationView;
  busy: boolean;
  /** The server's answer to the last reply sent from here, if it was refused. */
  lastResult?: SubmissionResult<string[]> | null;
};

export function ReplyComposer({ view, conversation, busy, lastResult }: Props) {
  const { t } = useTranslation();
  const say = useFieldMessage();
  const [form, fields] = useForm({
    id: `reply-${conversation.id}-${view.turn}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ScenarioFormSchema }),
  });
  const { current } = conversation;
  // With several chats the finish form comes once, under the last one.
  if (current.ended && (!view.over || conversation.id !== view.conversations.at(-1)?.id))
    return <p className="text-sm font-medium text-slate-700">{t("scenario.chatEnded")}</p>;
  if (view.over) {
    return (
      <Form method="post" className="space-y-2">
        <input type="hidden" name="intent" value="finish" />
        <input type="hidden" name="attemptId" value={view.id} />
        <p className="font-medium">{t("scenario.conversationOver")}</p>
        <p className="text-sm text-slate-700">{t("scenario.finishHelp")}</p>
        <Button type="submit" disabled={busy}>
          {t("scenario.finish")}
        </Button>
      </Form>
    );
  }
  const problems = Object.values(form.allErrors).flat();
  const send =
    view.channel === "email"
      ? t("scenario.sendEmail")
      : view.channel === "phone"
        ? t("scenario.say")
        : t("scenario.send");
  const kept = (name: "option" | "text") => {
    const value = fields[name].initialValue;
    return typeof value === "string" ? value : undefined;
  };
  return (
    <Form method="post" preventScrollReset {...getFormProps(form)}>
      <input type="hidden" name="intent" value="reply" />
      <input type="hidden" name="attemptId" value={view.id} />
      <input type="hidden" name="conversation" value={conversation.id} />
      <input type="hidden" name="step" value={current.id} />
      {problems.length ? (
        <Alert className="mb-3">
          {problems.map((problem) => (
            <p key={problem}>{say(problem)}</p>
          ))}
        </Alert>
      ) : null}
      {current.options ? (
        <fieldset>
          <legend className="font-medium">
            {view.channel === "phone" ? t("scenario.whatDoYouSay") : t("scenario.chooseReply")}
          </legend>
          <div className="mt-2 space-y-2">
            {current.options.map((option) => (
              <label
                key={option.id}
                className="flex cursor-pointer gap-3 rounded border border-slate-200 p-3 hover:border-brand-600 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
              >
                <input
                  type="radio"
                  name="option"
                  value={option.id}
                  required
                  defaultChecked={kept("option") === option.id}
                />
                <span className="whitespace-pre-line">{option.text}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        <>
          <label className="block">
            <span className="font-medium">{t("scenario.writeReply")}</span>
            <span className="mt-1 block text-sm text-slate-700">{current.prompt}</span>
            <textarea
              name="text"
              required
              rows={view.channel === "email" ? 9 : 5}
              maxLength={MAX_REPLY_LENGTH}
              defaultValue={kept("text")}
              className="mt-2 block w-full rounded border border-slate-300 px-3 py-2"
            />
          </label>
          <p className="mt-1 text-xs text-slate-600">{t("scenario.replyLimit", { max: MAX_REPLY_LENGTH })}</p>
        </>
      )}
      <Button type="submit" className="mt-3" disabled={busy}>
        {send}
      </Button>
    </Form>
  );
}
