// JSON kept in a text column, read and written through one schema per column: `decode`
// parses and checks what was stored, `encode` writes it. A row that does not match fails
// loudly where it is read instead of travelling on as a wrong type.
import { z } from "zod";

export function jsonColumn<T extends z.core.$ZodType>(schema: T) {
  return z.codec(z.string(), schema, {
    decode: (text, ctx) => {
      try {
        return JSON.parse(text);
      } catch (error) {
        ctx.issues.push({ code: "invalid_format", format: "json", input: text, message: String(error) });
        return z.NEVER;
      }
    },
    encode: (value) => JSON.stringify(value),
  });
}
