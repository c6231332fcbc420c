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
