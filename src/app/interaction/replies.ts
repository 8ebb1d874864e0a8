// The sentences an adapter answers with when there is no outcome to tell: the same on every platform.
export { NOT_REGISTERED } from '../execute.ts';

/** An unexpected error is logged and shown as a short apology, never a stack trace (refusals are values). */
export const SORRY = 'Sorry, something went wrong on my side. Please try again in a moment.';

/** A button from an older release or with tampered data: nothing was recorded (R2). */
export const outOfDate = (help: string): string =>
  `That button is out of date; nothing was recorded. Use the newest message, or ${help}.`;

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
