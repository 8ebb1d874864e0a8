// R1, R49, R62: the directory CSV for `secbot people import`. Every row is checked before anything is
// applied, and every problem is reported with its 1-based line, so a bad file changes nothing.
import { z } from 'zod';
import { ONLY_CHANGE_BOARD } from '../../src/app/people-import.ts';
import { ROLES, TEAMS_ID, type Role } from '../../src/domain/types.ts';

export const PEOPLE_HEADER = ['email', 'name', 'roles', 'group', 'slack', 'teams'] as const;
const OPTIONAL_COLUMN = 'alternate';

/** One directory row; structurally the engine's PersonInput. */
export interface PersonRow {
  email: string;
  name: string;
  roles: Role[];
  group?: string;
  slack?: string;
  teams?: string;
  /**
   * The alternate's e-mail (R62); `null` for an empty cell under the alternate column, which clears
   * the alternate (the file is the directory's list); left out when the file has no such column.
   */
  alternate?: string | null;
}

export interface CsvError {
  line: number;
  message: string;
}

export type PeopleCsv = { ok: true; rows: PersonRow[] } | { ok: false; errors: CsvError[] };

interface Record_ {
  line: number;
  fields: string[];
}

/** RFC 4180 records: `,` separates, `"…"` quotes (with `""` for a quote, and line breaks inside). */
export function csvRecords(text: string): { records: Record_[]; error?: CsvError } {
  const records: Record_[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let quoteLine = 0;
  let wasQuoted = false;
  const endRecord = (): void => {
    fields.push(field);
    // A blank line is no record (a trailing newline, or spacing between blocks).
    if (!(fields.length === 1 && fields[0] === '' && !wasQuoted)) records.push({ line: start, fields });
    fields = [];
    field = '';
    wasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field.trim() !== '')
        return { records, error: { line, message: 'a quote in the middle of an unquoted field' } };
      field = '';
      quoted = wasQuoted = true;
      quoteLine = line;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n') {
      endRecord();
      line++;
      start = line;
    } else if (c !== '\r') {
      field += c;
    }
  }
  if (quoted) return { records, error: { line: quoteLine, message: 'unterminated quoted field' } };
  endRecord();
  return { records };
}

const optional = (schema: z.ZodType<string, string>) =>
  z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(schema.optional());

const rowSchema = z.object({
  email: z.string().trim().pipe(z.email('not an e-mail address')),
  name: z.string().trim().min(1, 'name is empty'),
  roles: z
    .string()
    .transform((v) =>
      v
        .split(';')
        .map((r) => r.trim())
        .filter((r) => r !== ''),
    )
    .pipe(
      z.array(
        z.enum(ROLES, {
          error: (i) => `unknown role ${JSON.stringify(i.input)} (roles: ${ROLES.join(', ')})`,
        }),
      ),
    ),
  group: optional(z.string()),
  // Slack user ids start with U or W; Teams identities are Entra (AAD) object ids, which are GUIDs.
  slack: optional(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'slack must be a Slack user id such as U024BE7LH')),
  teams: optional(z.string().regex(TEAMS_ID, 'teams must be an AAD object id (a GUID)')),
  alternate: optional(z.email('alternate is not an e-mail address')),
});

/**
 * The rows as read: `entries` holds every row without a problem, with its line; `errors` every problem
 * (a row with one is left out of `entries`); `emails` every e-mail the file names, good row or bad, so
 * a later check does not call an alternate on a bad row "not in the file".
 */
export interface PeopleCsvRead {
  entries: { line: number; row: PersonRow }[];
  errors: CsvError[];
  emails: Set<string>;
}

export function parsePeopleCsv(text: string): PeopleCsv {
  const { entries, errors } = readPeopleCsv(text);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows: entries.map((e) => e.row) };
}

export function readPeopleCsv(text: string): PeopleCsvRead {
  const emails = new Set<string>();
  const { records, error } = csvRecords(text.replace(/^\uFEFF/, ''));
  if (error) return { entries: [], errors: [error], emails };
  const [header, ...body] = records;
  const expected = PEOPLE_HEADER.join(',');
  const columns = header?.fields.map((f) => f.trim()) ?? [];
  const hasAlternate = columns.length === PEOPLE_HEADER.length + 1 && columns.at(-1) === OPTIONAL_COLUMN;
  if (
    !header ||
    header.line !== 1 ||
    columns.slice(0, PEOPLE_HEADER.length).join(',') !== expected ||
    !(columns.length === PEOPLE_HEADER.length || hasAlternate)
  ) {
    const got = header && header.line === 1 ? JSON.stringify(columns.join(',')) : 'nothing';
    return {
      entries: [],
      errors: [{ line: 1, message: `the header must be ${expected}[,${OPTIONAL_COLUMN}], got ${got}` }],
      emails,
    };
  }
  const errors: CsvError[] = [];
  const entries: PeopleCsvRead['entries'] = [];
  const firstLine = new Map<string, number>();
  // R1: a Slack or Teams id is one person's; the first line that gives each id.
  const idLine = new Map<string, number>();
  for (const { line, fields } of body) {
    if (fields.length !== columns.length) {
      errors.push({ line, message: `expected ${columns.length} fields, got ${fields.length}` });
      continue;
    }
    const before = errors.length;
    const input: Record<string, string> = { alternate: '' };
    columns.forEach((c, i) => (input[c] = fields[i] ?? ''));
    // Duplicates are found on the raw e-mail, so a bad first row still flags the second one.
    const key = (input.email ?? '').trim().toLowerCase();
    const seen = firstLine.get(key);
    if (seen !== undefined && key !== '') {
      errors.push({ line, message: `duplicate e-mail ${key} (first on line ${seen})` });
    } else if (key !== '') {
      firstLine.set(key, line);
      emails.add(key);
    }
    // Raw ids too; Teams GUIDs are compared without case.
    for (const platform of ['slack', 'teams'] as const) {
      const raw = (input[platform] ?? '').trim();
      if (raw === '') continue;
      const id = `${platform}:${platform === 'teams' ? raw.toLowerCase() : raw}`;
      const first = idLine.get(id);
      if (first === undefined) idLine.set(id, line);
      else errors.push({ line, message: `${platform} id ${raw} is also on line ${first}` });
    }
    const r = rowSchema.safeParse(input);
    if (!r.success) {
      for (const issue of r.error.issues) {
        const col = String(issue.path[0] ?? '');
        errors.push({
          line,
          message: issue.message.startsWith(col) ? issue.message : `${col}: ${issue.message}`,
        });
      }
      continue;
    }
    if (r.data.alternate !== undefined && !r.data.roles.includes('change_board')) {
      // R33, R62: an alternate stands in on Change Board ballots only.
      errors.push({ line, message: ONLY_CHANGE_BOARD });
      continue;
    }
    if (r.data.alternate?.toLowerCase() === key) {
      errors.push({ line, message: 'alternate: a person cannot be their own alternate' });
      continue;
    }
    if (errors.length > before) continue;
    const row: PersonRow = { email: r.data.email, name: r.data.name, roles: [...new Set(r.data.roles)] };
    if (r.data.group !== undefined) row.group = r.data.group;
    if (r.data.slack !== undefined) row.slack = r.data.slack;
    if (r.data.teams !== undefined) row.teams = r.data.teams;
    if (r.data.alternate !== undefined) row.alternate = r.data.alternate;
    else if (hasAlternate) row.alternate = null;
    entries.push({ line, row });
  }
  return { entries, errors, emails };
}
