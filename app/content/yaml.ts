// YAML with positions: one parser and one path→line locator for every content rule, so a
// problem points at the key or list item it is about, never at the first text that looks
// like it.
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";

export type Path = ReadonlyArray<PropertyKey>;

export type ParsedYaml =
  { ok: true; value: unknown; lineAt: (path: Path) => number } | { ok: false; line: number; message: string };

/**
 * Parses one YAML document. `lineOffset` shifts every line (frontmatter starts on the
 * second line of its file). An empty document is an error of its own: there is nothing
 * to point at.
 */
export function parseYaml(source: string, lineOffset = 0): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOfOffset = (offset: number) => lineCounter.linePos(offset).line + lineOffset;
  const [error] = doc.errors;
  if (error) return { ok: false, line: lineOfOffset(error.pos[0]), message: error.message.split("\n")[0] ?? "" };
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return { ok: false, line: 1 + lineOffset, message: "the file is empty" };
  }
  const lineOf = (node: Node | null | undefined, fallback: number) =>
    node?.range ? lineOfOffset(node.range[0]) : fallback;

  const lineAt = (path: Path) => {
    let node: unknown = doc.contents;
    let line = lineOf(doc.contents, 1 + lineOffset);
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        line = lineOf(isScalar(pair.key) ? pair.key : null, line);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment];
        if (!item) break;
        line = lineOf(isMap(item) || isSeq(item) || isScalar(item) ? item : null, line);
        node = item;
      } else break;
    }
    return line;
  };
  return { ok: true, value: doc.toJS({ maxAliasCount: 100 }), lineAt };
}
