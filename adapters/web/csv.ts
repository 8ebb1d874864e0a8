// R82: the register's CSV twin (RFC 4180, CRLF). A cell a spreadsheet would read as a formula (it starts
// with = + - @ or a control character) is prefixed with an apostrophe, so a hostile title stays text
// when the file is opened (R44).
import type { RegisterEntry } from '../../src/views/register.ts';
import { CSV_COLUMNS } from '../../src/views/register.ts';
// One escaping for both exports: `secbot register --csv` writes its cells with the same function.
import { spreadsheetField } from '../cli/register.ts';

export const CSV_HEADER = `${CSV_COLUMNS.map(([name]) => name).join(',')}\r\n`;

/** Rows, each ended by CRLF (RFC 4180). */
export const csvRows = (entries: readonly RegisterEntry[]): string =>
  entries.map((e) => `${CSV_COLUMNS.map(([, get]) => spreadsheetField(get(e))).join(',')}\r\n`).join('');
