// The transcript beside the grading form: each conversation with the help-desk work done
// between the trainee's replies, a comment box under each reply and the desk as it ended.
// Shared by the review queue's grading screen and calibration (ADR 035).
import { useTranslation } from "react-i18next";
import { Conversation } from "#app/scenarios/conversation.tsx";
import { DeskEntry, HelpDesk } from "#app/scenarios/help-desk.tsx";
import { type ConversationView, type AttemptView } from "#app/scenarios/view.ts";
import { CommentBox, type GradeState } from "./grade-form.tsx";

/** The help-desk work done between one reply of the trainee's (seq) and their next one in the same conversation. */
function workAfter(conversation: ConversationView, seq: number | null) {
  const replies = conversation.transcript.flatMap((turn) => (turn.kind === "agent" ? [turn.seq] : []));
  const next = replies.find((r) => (seq === null ? true : r > seq)) ?? Infinity;
  return conversation.log.filter((entry) => (seq === null || entry.seq > seq) && entry.seq < next);
}

function DeskWork({
  title,
  entries,
  startedAt,
}: {
  title: string;
  entries: ConversationView["log"];
  startedAt: string;
}) {
  if (!entries.length) return null;
  return (
    <div className="mt-2 rounded border border-slate-200 bg-slate-50 p-2 text-left text-sm" data-desk-work>
      <p className="font-medium text-slate-700">{title}</p>
      <ol className="mt-1 space-y-1">
        {entries.map((entry) => (
          <DeskEntry key={entry.seq} entry={entry} startedAt={startedAt} />
        ))}
      </ol>
    </div>
  );
}

export function GradingTranscript({
  screen: data,
  state,
  canGrade,
}: {
  screen: { trainee: { name: string }; view: AttemptView };
  state: GradeState;
  canGrade: boolean;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="transcript" className="space-y-4">
      <h2 id="transcript" className="text-xl font-semibold">
        {t("reviews.transcript")}
      </h2>
      {data.view.conversations.map((conversation) => {
        const first = conversation.transcript.find((turn) => turn.kind === "agent");
        return (
          <div key={conversation.id} className="space-y-4" data-conversation={conversation.id}>
            <DeskWork
              title={t("reviews.workBeforeFirstReply", { name: data.trainee.name })}
              entries={first ? workAfter(conversation, null) : conversation.log}
              startedAt={data.view.startedAt}
            />
            <Conversation
              view={{ ...data.view, ...conversation }}
              agentName={data.trainee.name}
              afterTurn={(turn) => [
                <DeskWork
                  key="work"
                  title={t("reviews.workAfterReply")}
                  entries={workAfter(conversation, turn.seq)}
                  startedAt={data.view.startedAt}
                />,
                <CommentBox key="comment" seq={turn.seq} state={state} disabled={!canGrade} />,
              ]}
            />
            <section aria-label={t("reviews.finalDesk", { name: data.trainee.name })}>
              <h3 className="mb-2 font-semibold">{t("reviews.finalDesk", { name: data.trainee.name })}</h3>
              <HelpDesk view={data.view} conversation={conversation} kb={null} editable={false} />
            </section>
          </div>
        );
      })}
    </section>
  );
}
