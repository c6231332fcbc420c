// The conversation in the look of its channel: chat bubbles, an email thread, a phone
// transcript, or a public post with replies and then direct messages. Text is always
// rendered as text (React escapes it); line breaks are kept with whitespace-pre-line.
import { type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatElapsed, secondsBetween } from "#app/utils/format.ts";
import { Hints } from "./hints.tsx";
import { type AttemptView, type ConversationView, type TurnView } from "./view.ts";

type Props = {
  /** The attempt's channel and times with one customer's conversation. */
  view: Pick<AttemptView, "channel" | "email" | "social" | "startedAt"> &
    Pick<ConversationView, "persona" | "transcript">;
  /** The reply form for the current step, placed where the channel puts it. */
  composer?: ReactNode;
  /** Extra content per agent turn (the mentor's comments, the help-desk work that followed). */
  afterTurn?: (turn: Extract<TurnView, { kind: "agent" }>) => ReactNode;
  /** Who wrote the agent's turns, when the reader is not the trainee (a mentor grading). */
  agentName?: string;
};

function Time({ at, startedAt }: { at: string; startedAt: string }) {
  return (
    <time dateTime={at} className="text-xs text-slate-500 tabular-nums">
      {formatElapsed(secondsBetween(startedAt, at))}
    </time>
  );
}

/** The customer's lines, and in social posts the replies of other people ("↳ @name: text"). */
function splitPublicReplies(text: string) {
  const lines = text.split("\n");
  const main: string[] = [];
  const others: Array<{ handle: string; text: string }> = [];
  for (const line of lines) {
    const match = /^↳\s*(@[^:]+):\s*(.*)$/.exec(line.trim());
    if (match) others.push({ handle: match[1] ?? "", text: match[2] ?? "" });
    else main.push(line);
  }
  return { text: main.join("\n").trim(), others };
}

export function Conversation(props: Props) {
  switch (props.view.channel) {
    case "email":
      return <EmailThread {...props} />;
    case "phone":
      return <PhoneTranscript {...props} />;
    case "social":
      return <SocialThread {...props} />;
    default:
      return <ChatWindow {...props} />;
  }
}

function Bubble({
  turn,
  view,
  afterTurn,
  agentName,
}: { turn: TurnView } & Pick<Props, "view" | "afterTurn" | "agentName">) {
  const { t } = useTranslation();
  const mine = turn.kind === "agent";
  return (
    <li className={`flex flex-col ${mine ? "items-end" : "items-start"}`} data-turn={turn.kind}>
      <div className="flex items-baseline gap-2 text-xs text-slate-600">
        <span className="font-medium">{mine ? (agentName ?? t("scenario.you")) : view.persona.name}</span>
        <Time at={turn.at} startedAt={view.startedAt} />
      </div>
      <p
        className={`mt-1 max-w-[85%] rounded-2xl px-4 py-2 whitespace-pre-line ${
          mine ? "rounded-br-sm bg-brand-600 text-white" : "rounded-bl-sm bg-slate-100 text-slate-900"
        }`}
      >
        {turn.text}
      </p>
      {turn.kind === "agent" ? (
        <div className="mt-1 w-full max-w-[85%]">
          <Hints hint={turn.hint} agentName={agentName} />
          {afterTurn?.(turn)}
        </div>
      ) : null}
    </li>
  );
}

function ChatWindow({ view, composer, afterTurn, agentName }: Props) {
  const { t } = useTranslation();
  return (
    <section aria-label={t("scenario.channelLabel.chat")} className="rounded-lg border border-slate-200 bg-white">
      <header className="flex items-center gap-2 border-b border-slate-200 px-4 py-2 text-sm">
        <span aria-hidden="true" className="size-2 rounded-full bg-emerald-500" />
        <span className="font-medium">{view.persona.name}</span>
        <span className="text-slate-500">· {t("scenario.channels.chat")}</span>
      </header>
      <ol className="space-y-4 p-4">
        {view.transcript.map((turn, i) => (
          <Bubble key={i} turn={turn} view={view} afterTurn={afterTurn} agentName={agentName} />
        ))}
      </ol>
      {composer ? <div className="border-t border-slate-200 p-4">{composer}</div> : null}
    </section>
  );
}

function EmailThread({ view, composer, afterTurn, agentName }: Props) {
  const { t } = useTranslation();
  const subject = view.email?.subject ?? "";
  return (
    <section aria-label={t("scenario.channelLabel.email")} className="space-y-3">
      <h2 className="text-xl font-semibold">{subject}</h2>
      <ol className="space-y-3">
        {view.transcript.map((turn, i) => {
          const mine = turn.kind === "agent";
          return (
            <li key={i} className={`rounded-lg border bg-white ${mine ? "border-brand-600" : "border-slate-200"}`}>
              <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-100 px-4 py-2 text-sm">
                <span>
                  <span className="text-slate-500">{t("scenario.email.from")} </span>
                  <span className="font-medium">
                    {mine ? (agentName ?? t("scenario.email.supportTeam")) : view.persona.name}
                  </span>
                  <span className="text-slate-500"> · {mine ? `Re: ${subject}` : subject}</span>
                </span>
                <Time at={turn.at} startedAt={view.startedAt} />
              </div>
              <p className="px-4 py-3 whitespace-pre-line">{turn.text}</p>
              {i === 0 && view.email?.history ? (
                <details className="px-4 pb-3 text-sm text-slate-600">
                  <summary className="cursor-pointer">{t("scenario.email.earlier")}</summary>
                  <blockquote className="mt-2 border-l-4 border-slate-200 pl-3 whitespace-pre-line">
                    {view.email.history}
                  </blockquote>
                </details>
              ) : null}
              {turn.kind === "agent" ? (
                <div className="px-4 pb-3">
                  <Hints hint={turn.hint} agentName={agentName} />
                  {afterTurn?.(turn)}
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      {composer ? (
        <div className="rounded-lg border border-slate-300 bg-white p-4">
          <p className="mb-3 text-sm text-slate-600">
            {t("scenario.email.to")} <span className="font-medium text-slate-900">{view.persona.name}</span> ·{" "}
            {t("scenario.email.subject")} <span className="font-medium text-slate-900">Re: {subject}</span>
          </p>
          {composer}
        </div>
      ) : null}
    </section>
  );
}

function PhoneTranscript({ view, composer, afterTurn, agentName }: Props) {
  const { t } = useTranslation();
  return (
    <section aria-label={t("scenario.channelLabel.phone")} className="rounded-lg border border-slate-200 bg-white">
      <header className="flex items-center gap-2 border-b border-slate-200 bg-slate-900 px-4 py-2 text-sm text-white">
        <span aria-hidden="true">☎</span>
        <span className="font-medium">{view.persona.name}</span>
        <span className="text-slate-300">· {t("scenario.phone.inCall")}</span>
      </header>
      <ol className="divide-y divide-slate-100 font-[ui-monospace,monospace] text-[0.95rem]">
        {view.transcript.map((turn, i) => (
          <li key={i} className="grid grid-cols-[4rem_1fr] gap-3 px-4 py-3" data-turn={turn.kind}>
            <div className="text-xs">
              <Time at={turn.at} startedAt={view.startedAt} />
              <div className="font-sans font-semibold text-slate-700">
                {turn.kind === "agent" ? (agentName ?? t("scenario.phone.you")) : t("scenario.phone.caller")}
              </div>
            </div>
            <div>
              <p className="font-sans whitespace-pre-line">{turn.text}</p>
              {turn.kind === "agent" ? (
                <div className="mt-2 font-sans">
                  <Hints hint={turn.hint} agentName={agentName} />
                  {afterTurn?.(turn)}
                </div>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      {composer ? <div className="border-t border-slate-200 p-4">{composer}</div> : null}
    </section>
  );
}

function SocialThread({ view, composer, afterTurn, agentName }: Props) {
  const { t } = useTranslation();
  const publicTurns = view.transcript.filter((turn) => !turn.private);
  const privateTurns = view.transcript.filter((turn) => turn.private);
  const handle = view.social?.handle ?? view.persona.name;
  const composerInPrivate = privateTurns.length > 0 && view.transcript.at(-1)?.private;
  return (
    <div className="space-y-4">
      <section aria-label={t("scenario.social.publicThread")} className="rounded-lg border border-slate-200 bg-white">
        <header className="border-b border-slate-200 px-4 py-2 text-sm text-slate-600">
          {t("scenario.social.publicOn", { platform: view.social?.platform ?? "" })}
        </header>
        <ol className="divide-y divide-slate-100">
          {publicTurns.map((turn, i) => {
            if (turn.kind === "agent") {
              return (
                <li key={i} className="ml-8 border-l-2 border-brand-600 px-4 py-3">
                  <div className="flex items-baseline gap-2 text-sm">
                    <span className="font-semibold">
                      {agentName ? t("reviewScreen.companyAccount", { name: agentName }) : t("scenario.social.brand")}
                    </span>
                    <Time at={turn.at} startedAt={view.startedAt} />
                  </div>
                  <p className="mt-1 whitespace-pre-line">{turn.text}</p>
                  <Hints hint={turn.hint} agentName={agentName} />
                  {afterTurn?.(turn)}
                </li>
              );
            }
            const post = splitPublicReplies(turn.text);
            return (
              <li key={i} className="px-4 py-3">
                <div className="flex items-baseline gap-2 text-sm">
                  <span className="font-semibold">{view.persona.name}</span>
                  <span className="text-slate-500">{handle}</span>
                  <Time at={turn.at} startedAt={view.startedAt} />
                </div>
                <p className="mt-1 whitespace-pre-line">{post.text}</p>
                {post.others.length ? (
                  <ul className="mt-2 space-y-1 border-l-2 border-slate-200 pl-3 text-sm text-slate-700">
                    {post.others.map((other, j) => (
                      <li key={j}>
                        <span className="font-medium">{other.handle}</span> {other.text}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
        {composer && !composerInPrivate ? (
          <div className="border-t border-slate-200 p-4">
            <p className="mb-2 text-sm font-medium text-amber-800">{t("scenario.social.publicWarning")}</p>
            {composer}
          </div>
        ) : null}
      </section>
      {privateTurns.length ? (
        <section
          aria-label={t("scenario.social.directMessages")}
          className="rounded-lg border border-slate-200 bg-white"
        >
          <header className="border-b border-slate-200 px-4 py-2 text-sm font-medium">
            {t("scenario.social.directMessagesWith", { handle })}
          </header>
          <ol className="space-y-4 p-4">
            {privateTurns.map((turn, i) => (
              <Bubble key={i} turn={turn} view={view} afterTurn={afterTurn} agentName={agentName} />
            ))}
          </ol>
          {composer && composerInPrivate ? <div className="border-t border-slate-200 p-4">{composer}</div> : null}
        </section>
      ) : null}
    </div>
  );
}
