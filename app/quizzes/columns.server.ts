// QuizAttempt.answers through its schema: question id → chosen option ids (in order, for
// ordering questions). The per-competency results are the ladder's (ladder/columns.server.ts).
import { z } from "zod";
import { jsonColumn } from "#app/utils/json-column.ts";

export const answersColumn = jsonColumn(z.record(z.string(), z.array(z.string())));
