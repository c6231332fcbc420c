// QuizAttempt's JSON columns through their schemas. `answers`: question id → chosen option
// ids (in order, for ordering questions); `questions`: the ids an attempt asks, in the order
// shown. The per-competency results are the ladder's (ladder/columns.server.ts).
import { z } from "zod";
import { jsonColumn } from "#app/utils/json-column.ts";

export const answersColumn = jsonColumn(z.record(z.string(), z.array(z.string())));
export const questionIdsColumn = jsonColumn(z.array(z.string()));
