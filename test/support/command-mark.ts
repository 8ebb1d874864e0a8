// The guard of the command marks (src/views/hints.ts): the core writes U+2063 around every command a
// message names and each sink translates it once, so a mark in anything a platform receives is a sink
// that forgot (R42, R77). The fakes refuse such a request (400, naming the mark) and remember it, and
// their close() then fails the test file; an answer the bot gives in an HTTP response (a slash
// command's ack, an invoke's answer) fails the request helper at once.

export const COMMAND_MARK = '\u2063';

/** The error a fake answers with, and what a test failing on a leak reads. */
export const markLeaked = (where: string, payload: string): string =>
  `command mark U+2063 (src/views/hints.ts cmd) reached ${where} untranslated: ${payload.slice(0, 300)}`;

/** Throws when the text holds a command mark. */
export function refuseMark(where: string, text: string): void {
  if (text.includes(COMMAND_MARK)) throw new Error(markLeaked(where, text));
}
