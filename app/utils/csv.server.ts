import Papa from "papaparse";

/** A cell a spreadsheet could run as a formula is quoted as text (=, +, -, @). */
const safe = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/**
 * A CSV download: UTF-8 with a byte-order mark so Excel keeps accents and Cyrillic, CRLF line
 * ends, every cell guarded against formula injection, never cached.
 */
export function csvResponse(filename: string, header: string[], rows: string[][]) {
  const csv = Papa.unparse({ fields: header.map(safe), data: rows.map((row) => row.map(safe)) }, { newline: "\r\n" });
  return new Response(`\uFEFF${csv}\r\n`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

/**
 * A CSV download written as its rows arrive, batch by batch, for exports too large to hold
 * in memory (a million rows of quiz outcomes): the same format as `csvResponse`.
 */
export function csvStream(filename: string, header: string[], batches: AsyncIterable<string[][]>) {
  const encoder = new TextEncoder();
  const lines = (rows: string[][]) =>
    `${Papa.unparse(
      rows.map((row) => row.map(safe)),
      { newline: "\r\n" },
    )}\r\n`;
  const iterator = batches[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${lines([header])}`));
    },
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else if (next.value.length) controller.enqueue(encoder.encode(lines(next.value)));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
