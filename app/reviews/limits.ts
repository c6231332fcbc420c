/** Limits the server enforces on what mentors write; the forms show the same numbers. */
export const MAX_COMMENT_LENGTH = 2000;
export const MAX_FEEDBACK_LENGTH = 5000;
export const MAX_SIGNOFF_NOTE = 1000;
