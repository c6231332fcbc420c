// The practice help desk beside the conversation: the CRM record, the ticket, the
// knowledge base, internal notes, escalation and the log of everything done. Every form
// works without JavaScript; each posts one action with the step it was made at.
import { Form, Link } from "@remix-run/react";
import { type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/field.tsx";
import { formatElapsed, secondsBetween } from "#app/utils/format.ts";
import { ticketPriorities, ticketStatuses } from "#app/content/vocabulary.ts";
import { type AttemptView, type ConversationView, type KnowledgeBase, type LogEntry } from "./view.ts";

type Props = {
  view: AttemptView;
  /** The customer whose record and ticket this help desk shows. */
  conversation: ConversationView;
  kb: KnowledgeBase | null;
  /** Off on the summary page: the record is shown, nothing can be changed. */
  editable: boolean;
  busy?: boolean;
  /** What was sent in a form that came back with an error (conform's initialValue), so nothing is lost. */
  sent?: Record<string, unknown> | null;
  /** The error message for a panel's form, if the last one sent from it failed. */
  errorAt?: (panel: string) => ReactNode;
};

function Panel({ title, children, id, error }: { title: string; children: ReactNode; id: string; error?: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="text-sm font-semibold tracking-wide text-slate-700 uppercase">
        {title}
      </h2>
      <div className="mt-2 space-y-3 text-sm">
        {error}
        {children}
      </div>
    </section>
  );
}

function Hidden({
  view,
  conversation,
  intent,
  type,
}: {
  view: AttemptView;
  conversation: ConversationView;
  intent: string;
  type?: string;
}) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="attemptId" value={view.id} />
      <input type="hidden" name="conversation" value={conversation.id} />
      <input type="hidden" name="step" value={conversation.current.id} />
      {type ? <input type="hidden" name="type" value={type} /> : null}
    </>
  );
}

export function valueLabel(
  t: (key: string, options?: Record<string, unknown>) => string,
  group: string,
  value: string,
) {
  return t(`scenario.values.${group}.${value}`, { defaultValue: value });
}

/** What the desk's forms show again after a refusal: the note, the team or the tag that was sent. */
function keptFrom(sent: Record<string, unknown> | null | undefined) {
  const text = (name: string) => (typeof sent?.[name] === "string" ? sent[name] : undefined);
  if (sent?.type === "escalate") return { escalateNote: text("note"), team: text("value") };
  return {
    note: sent?.type === "add-note" ? text("note") : undefined,
    tag: sent?.type === "add-tag" ? text("value") : undefined,
  };
}

export function HelpDesk({ view, conversation, kb, editable, busy, sent, errorAt }: Props) {
  const { t } = useTranslation();
  // What was sent from another chat's desk is not shown again in this one.
  const kept = keptFrom(sent?.conversation === undefined || sent.conversation === conversation.id ? sent : null);
  // Several chats each have a help desk on the page: their ids (and the anchors forms return to) start with the chat's id.
  const id = (name: string) => (view.conversations.length > 1 ? `${conversation.id}-${name}` : name);
  const label = (group: string, value: string) => valueLabel(t, group, value);
  const select = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5";
  const input = "mt-1 block w-full rounded border border-slate-300 px-2 py-1.5";
  return (
    <div className="space-y-4" data-help-desk>
      <Panel title={t("scenario.desk.customer")} id={id("desk-customer")}>
        <p className="font-medium">{conversation.persona.name}</p>
        <dl className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-x-3 gap-y-1">
          {conversation.persona.crm.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="text-slate-600">{key}</dt>
              <dd className="break-words">{value}</dd>
            </div>
          ))}
        </dl>
        <p className="text-slate-700">
          <span className="font-medium">{t("scenario.desk.history")}:</span> {conversation.persona.history}
        </p>
      </Panel>

      <Panel title={t("scenario.desk.ticket")} id={id("desk-ticket")} error={errorAt?.("desk-ticket")}>
        {editable ? (
          <Form
            method="post"
            key={`ticket-${view.turn}`}
            className="grid grid-cols-1 gap-2 sm:grid-cols-3 lg:grid-cols-1 xl:grid-cols-3"
          >
            <Hidden view={view} conversation={conversation} intent="ticket" />
            <label className="block">
              <span className="text-slate-700">{t("scenario.desk.status")}</span>
              <select name="status" defaultValue={conversation.ticket.status} className={select}>
                {ticketStatuses.map((s) => (
                  <option key={s} value={s}>
                    {label("status", s)}
                  </option>
                ))}
              </select>
            </label>
            <label className="block">
              <span className="text-slate-700">{t("scenario.desk.priority")}</span>
              <select name="priority" defaultValue={conversation.ticket.priority} className={select}>
                {ticketPriorities.map((p) => (
                  <option key={p} value={p}>
                    {label("priority", p)}
                  </option>
                ))}
              </select>
            </label>
            <label className="block">
              <span className="text-slate-700">{t("scenario.desk.category")}</span>
              <select name="category" defaultValue={conversation.ticket.category} className={select}>
                {view.lists.categories.map((c) => (
                  <option key={c} value={c}>
                    {label("category", c)}
                  </option>
                ))}
              </select>
            </label>
            <div className="sm:col-span-3 lg:col-span-1 xl:col-span-3">
              <Button type="submit" variant="secondary" disabled={busy}>
                {t("scenario.desk.saveTicket")}
              </Button>
            </div>
          </Form>
        ) : (
          <dl className="grid grid-cols-2 gap-1">
            <dt className="text-slate-600">{t("scenario.desk.status")}</dt>
            <dd>{label("status", conversation.ticket.status)}</dd>
            <dt className="text-slate-600">{t("scenario.desk.priority")}</dt>
            <dd>{label("priority", conversation.ticket.priority)}</dd>
            <dt className="text-slate-600">{t("scenario.desk.category")}</dt>
            <dd>{label("category", conversation.ticket.category)}</dd>
          </dl>
        )}
        <div>
          <p className="text-slate-700">{t("scenario.desk.tags")}</p>
          <ul className="mt-1 flex flex-wrap gap-1" aria-label={t("scenario.desk.tags")}>
            {conversation.ticket.tags.length === 0 ? (
              <li className="text-slate-500">{t("scenario.desk.noTags")}</li>
            ) : null}
            {conversation.ticket.tags.map((tag) => (
              <li key={tag} className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5">
                <span>{tag}</span>
                {editable ? (
                  <Form method="post" preventScrollReset className="inline">
                    <Hidden view={view} conversation={conversation} intent="action" type="remove-tag" />
                    <input type="hidden" name="value" value={tag} />
                    <button
                      type="submit"
                      className="text-slate-500 hover:text-red-700"
                      aria-label={t("scenario.desk.removeTag", { tag })}
                      disabled={busy}
                    >
                      ×
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
          {editable ? (
            <Form method="post" preventScrollReset key={`tag-${view.turn}`} className="mt-2 flex gap-2">
              <Hidden view={view} conversation={conversation} intent="action" type="add-tag" />
              <label className="sr-only" htmlFor={id("desk-tag")}>
                {t("scenario.desk.newTag")}
              </label>
              <input
                id={id("desk-tag")}
                name="value"
                defaultValue={kept?.tag}
                placeholder={t("scenario.desk.newTag")}
                maxLength={40}
                className="block w-full rounded border border-slate-300 px-2 py-1.5"
              />
              <Button type="submit" variant="secondary" disabled={busy}>
                {t("scenario.desk.addTag")}
              </Button>
            </Form>
          ) : null}
        </div>
        <div>
          <p className="text-slate-700">{t("scenario.desk.linked")}</p>
          <ul className="mt-1 space-y-1">
            {conversation.ticket.linked.length === 0 ? (
              <li className="text-slate-500">{t("scenario.desk.noLinks")}</li>
            ) : null}
            {conversation.ticket.linked.map((article) => (
              <li key={article.id} className="flex items-center justify-between gap-2">
                <span>{article.title}</span>
                {editable ? (
                  <Form method="post" preventScrollReset>
                    <Hidden view={view} conversation={conversation} intent="action" type="unlink-article" />
                    <input type="hidden" name="value" value={article.id} />
                    <button type="submit" className="text-xs text-slate-600 underline" disabled={busy}>
                      {t("scenario.desk.unlink")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      </Panel>

      {kb ? (
        <Panel title={t("scenario.desk.knowledgeBase")} id={id("desk-kb")} error={errorAt?.("desk-kb")}>
          <Form method="get" role="search" className="flex gap-2" preventScrollReset>
            <label className="sr-only" htmlFor={id("kb-q")}>
              {t("scenario.desk.searchArticles")}
            </label>
            <input
              id={id("kb-q")}
              type="search"
              name="q"
              defaultValue={kb.query}
              placeholder={t("scenario.desk.searchArticles")}
              maxLength={100}
              className="block w-full rounded border border-slate-300 px-2 py-1.5"
            />
            <Button type="submit" variant="secondary">
              {t("scenario.desk.search")}
            </Button>
          </Form>
          {kb.results ? (
            <ul className="space-y-2" aria-label={t("scenario.desk.results")}>
              {kb.results.length === 0 ? <li className="text-slate-600">{t("scenario.desk.noResults")}</li> : null}
              {kb.results.map((hit) => (
                <li key={hit.id}>
                  <Link
                    to={`?${new URLSearchParams({ q: kb.query, article: hit.id }).toString()}`}
                    preventScrollReset
                    className="font-medium text-brand-700 underline"
                  >
                    {hit.title}
                  </Link>
                  <p className="text-slate-600">{hit.snippet}</p>
                </li>
              ))}
            </ul>
          ) : null}
          {kb.article ? (
            <article className="rounded border border-slate-200 p-3" aria-labelledby={id("kb-article-title")}>
              <h3 id={id("kb-article-title")} className="font-semibold">
                {kb.article.title}
              </h3>
              <div
                className="prose prose-sm prose-slate mt-2 max-w-none"
                // Rendered on the server from the scenario's own Markdown, raw HTML escaped (catalog.server.ts).
                dangerouslySetInnerHTML={{ __html: kb.article.html }}
              />
              {editable && !conversation.ticket.linked.some((a) => a.id === kb.article?.id) ? (
                <Form method="post" preventScrollReset className="mt-2">
                  <Hidden view={view} conversation={conversation} intent="action" type="link-article" />
                  <input type="hidden" name="value" value={kb.article.id} />
                  <Button type="submit" variant="secondary" disabled={busy}>
                    {t("scenario.desk.linkArticle")}
                  </Button>
                </Form>
              ) : null}
            </article>
          ) : null}
        </Panel>
      ) : null}

      <Panel title={t("scenario.desk.notes")} id={id("desk-notes")} error={errorAt?.("desk-notes")}>
        {!editable && conversation.notes.length === 0 ? (
          <p className="text-slate-500">{t("scenario.desk.noNotes")}</p>
        ) : null}
        <ul className="space-y-2">
          {conversation.notes.map((note) => (
            <li key={note.seq} className="rounded bg-amber-50 p-2">
              <p className="text-xs text-slate-600">{formatElapsed(secondsBetween(view.startedAt, note.at))}</p>
              <p className="whitespace-pre-line">{note.note}</p>
            </li>
          ))}
        </ul>
        {editable ? (
          <Form method="post" preventScrollReset key={`note-${view.turn}`}>
            <Hidden view={view} conversation={conversation} intent="action" type="add-note" />
            <label className="block">
              <span className="text-slate-700">{t("scenario.desk.newNote")}</span>
              <textarea name="note" rows={3} maxLength={2000} defaultValue={kept?.note} className={input} />
            </label>
            <Button type="submit" variant="secondary" className="mt-2" disabled={busy}>
              {t("scenario.desk.addNote")}
            </Button>
          </Form>
        ) : null}
      </Panel>

      <Panel title={t("scenario.desk.escalation")} id={id("desk-escalate")} error={errorAt?.("desk-escalate")}>
        {!editable && conversation.escalations.length === 0 ? (
          <p className="text-slate-500">{t("scenario.desk.noEscalations")}</p>
        ) : null}
        <ul className="space-y-2">
          {conversation.escalations.map((e) => (
            <li key={e.seq} className="rounded bg-sky-50 p-2">
              <p className="text-xs text-slate-600">
                {formatElapsed(secondsBetween(view.startedAt, e.at))} ·{" "}
                {t("scenario.desk.escalatedTo", { team: label("team", e.team) })}
              </p>
              <p className="whitespace-pre-line">{e.note}</p>
            </li>
          ))}
        </ul>
        {editable ? (
          <Form method="post" preventScrollReset key={`escalate-${view.turn}`}>
            <Hidden view={view} conversation={conversation} intent="action" type="escalate" />
            <label className="block">
              <span className="text-slate-700">{t("scenario.desk.team")}</span>
              <select name="value" defaultValue={kept?.team ?? ""} className={select}>
                <option value="" disabled>
                  {t("scenario.desk.chooseTeam")}
                </option>
                {view.lists.teams.map((team) => (
                  <option key={team} value={team}>
                    {label("team", team)}
                  </option>
                ))}
              </select>
            </label>
            <label className="mt-2 block">
              <span className="text-slate-700">{t("scenario.desk.escalationNote")}</span>
              <textarea name="note" rows={4} maxLength={2000} defaultValue={kept?.escalateNote} className={input} />
            </label>
            <Button type="submit" variant="secondary" className="mt-2" disabled={busy}>
              {t("scenario.desk.escalate")}
            </Button>
          </Form>
        ) : null}
      </Panel>

      <ActivityLog view={view} conversation={conversation} />
    </div>
  );
}

export function ActivityLog({ view, conversation }: { view: AttemptView; conversation: ConversationView }) {
  const { t } = useTranslation();
  return (
    <Panel
      title={t("scenario.desk.log")}
      id={view.conversations.length > 1 ? `${conversation.id}-desk-log` : "desk-log"}
    >
      {conversation.log.length === 0 ? <p className="text-slate-500">{t("scenario.desk.logEmpty")}</p> : null}
      <ol className="space-y-1" data-activity-log>
        {conversation.log.map((entry) => (
          // The notes' texts are in their own panels above; the log says when.
          <DeskEntry key={entry.seq} entry={entry} startedAt={view.startedAt} withNote={false} />
        ))}
      </ol>
    </Panel>
  );
}

/** One help-desk action with its time and, for notes and escalations, the text written. */
export function DeskEntry({
  entry,
  startedAt,
  withNote = true,
}: {
  entry: LogEntry;
  startedAt: string;
  withNote?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <li className="grid grid-cols-[3.5rem_1fr] gap-2" data-desk-entry={entry.type}>
      <span className="text-xs text-slate-500 tabular-nums">{formatElapsed(secondsBetween(startedAt, entry.at))}</span>
      <span>
        {describeLogEntry(t, entry)}
        {withNote && entry.note ? (
          <span className="mt-0.5 block border-l-2 border-slate-300 pl-2 whitespace-pre-line text-slate-700">
            {entry.note}
          </span>
        ) : null}
      </span>
    </li>
  );
}

function describeLogEntry(t: (key: string, options?: Record<string, unknown>) => string, entry: LogEntry) {
  const value = entry.value ?? "";
  const group =
    entry.type === "set-status"
      ? "status"
      : entry.type === "set-priority"
        ? "priority"
        : entry.type === "set-category"
          ? "category"
          : entry.type === "escalate"
            ? "team"
            : null;
  return t(`scenario.log.${entry.type}`, {
    value: group ? valueLabel(t, group, value) : value,
    from: group && entry.from ? valueLabel(t, group, entry.from) : "",
  });
}
