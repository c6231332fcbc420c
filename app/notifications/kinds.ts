import { z } from "zod";

// The kinds of notification, shared by the server and the profile form.
export const notificationKinds = ["review-graded", "mentor-digest", "manager-digest", "goal-due", "assignment"] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const isNotificationKind = (value: unknown): value is NotificationKind =>
  typeof value === "string" && (notificationKinds as readonly string[]).includes(value);

/** Email is on unless the person turned the kind off (the stored JSON maps kind → false). */
export function emailWanted(stored: string, kind: NotificationKind) {
  try {
    const choices: unknown = JSON.parse(stored);
    return !(typeof choices === "object" && choices !== null && Reflect.get(choices, kind) === false);
  } catch {
    return true;
  }
}

/** The profile's email choices: the kinds ticked are mailed. */
export const EmailChoicesSchema = z.object({
  intent: z.literal("email-notifications"),
  email: z.array(z.enum(notificationKinds)).default([]),
});
