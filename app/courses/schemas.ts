// The lesson page's one form: mark the lesson done, or not done again. Messages are i18n keys.
import { z } from "zod";

export const LessonProgressSchema = z.object({
  intent: z.enum(["complete", "reopen"], { error: "form.unknownIntent" }),
});
