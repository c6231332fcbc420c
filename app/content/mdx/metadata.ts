// A remark plugin that records, while a lesson compiles, what the checker needs to know
// about its body: headings, components with their attributes, links and the prose. Taken
// from the syntax tree, so `<Quiz id='x' />`, an id on its own line or a fenced code
// example are read as MDX reads them.
import { type Heading, type Link, type Root } from "mdast";
import { type MdxJsxFlowElement, type MdxJsxTextElement } from "mdast-util-mdx-jsx";
import { toString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";

export type ComponentUse = {
  name: string;
  line: number;
  /** Attribute values written as text; an expression (`{…}`) is null. */
  attributes: Record<string, string | null>;
};

export type LessonMetadata = {
  headings: Array<{ depth: number; text: string; line: number }>;
  components: ComponentUse[];
  links: Array<{ url: string; line: number }>;
  /** Paragraphs and list items as plain text, for spotting an untranslated copy. */
  prose: Array<{ text: string; line: number }>;
  /** The headings, components and links in order: what every translation keeps. */
  structure: Array<{ kind: string; line: number }>;
};

export const emptyMetadata = (): LessonMetadata => ({
  headings: [],
  components: [],
  links: [],
  prose: [],
  structure: [],
});

const lineOf = (node: { position?: { start: { line: number } } }) => node.position?.start.line ?? 1;

function attributesOf(node: MdxJsxFlowElement | MdxJsxTextElement) {
  const attributes: Record<string, string | null> = {};
  for (const attribute of node.attributes) {
    if (attribute.type !== "mdxJsxAttribute") continue;
    attributes[attribute.name] = typeof attribute.value === "string" ? attribute.value : null;
  }
  return attributes;
}

/** Fills `into` with the lesson's metadata; the compile passes a fresh one per file. */
export function remarkLessonMetadata(into: LessonMetadata) {
  return () => (tree: Root) => {
    visit(tree, (node) => {
      if (node.type === "heading") {
        const heading: Heading = node;
        into.headings.push({ depth: heading.depth, text: toString(heading), line: lineOf(heading) });
        into.structure.push({ kind: `h${heading.depth}`, line: lineOf(heading) });
      } else if (node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") {
        if (!node.name) return;
        const use = { name: node.name, line: lineOf(node), attributes: attributesOf(node) };
        into.components.push(use);
        const id = use.attributes.id;
        into.structure.push({ kind: `<${use.name}>`, line: use.line });
        if (use.name === "Quiz" || use.name === "ScenarioLink") {
          into.structure.push({ kind: `${use.name === "Quiz" ? "quiz" : "scenario"} ${id ?? ""}`, line: use.line });
        }
      } else if (node.type === "link") {
        const link: Link = node;
        into.links.push({ url: link.url, line: lineOf(link) });
        if (link.url.startsWith("/")) into.structure.push({ kind: `link ${link.url}`, line: lineOf(link) });
      } else if (node.type === "paragraph") {
        const text = toString(node).trim();
        if (text) into.prose.push({ text, line: lineOf(node) });
      }
    });
  };
}

/** The lesson's headings and paragraphs in reading order, as plain text: what search reads. */
export function plainText(metadata: LessonMetadata) {
  return [...metadata.headings, ...metadata.prose]
    .sort((a, b) => a.line - b.line)
    .map((part) => part.text)
    .join("\n");
}
