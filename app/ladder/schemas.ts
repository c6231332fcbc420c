// Form schemas of the ladder shared by server and browser. Messages are i18n keys.
import { z } from "zod";

export const REVOKE_REASON_MAX = 500;

/** An admin revoking a certificate: the reason is shown on the public verification page. */
export const RevokeCertificateSchema = z.object({
  reason: z
    .string({ error: "verification.errors.reasonRequired" })
    .trim()
    .min(1, "verification.errors.reasonRequired")
    .refine((v) => [...v].length <= REVOKE_REASON_MAX, "verification.errors.reasonTooLong")
    .refine((v) => !/[\p{Cc}]/u.test(v.replace(/[\n\r\t]/g, "")), "verification.errors.reasonInvalid"),
});
