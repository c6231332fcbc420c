import { useNavigate } from "@remix-run/react";
import { type MouseEvent } from "react";

/**
 * The server-rendered lesson. Links to other pages of Rapport navigate without a full
 * reload when JavaScript is on; without it they are ordinary links.
 */
export function LessonBody({ html }: { html: string }) {
  const navigate = useNavigate();
  function onClick(event: MouseEvent<HTMLDivElement>) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = (event.target as HTMLElement).closest("a");
    const href = link?.getAttribute("href");
    if (!href || !href.startsWith("/") || href.startsWith("//") || link?.target) return;
    event.preventDefault();
    navigate(href);
  }
  // Authored content from courses/, compiled and rendered by the server; never user input.
  // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions
  return <div onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />;
}
