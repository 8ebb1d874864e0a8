// Each form command's fields, declared once (R42, R43, R45, R65). The zod schema (commands.ts) says
// what a field holds and whether it may be left out; this table says how the one grammar writes it and
// what a form calls it. The usage lines (usage.ts), the neutral forms (views/forms.ts), the twins of
// forms and buttons (button-twins.ts) and the grammar's key lists are derived from the two.
import type { CommandType } from '../commands.ts';
import { commandSchemas } from '../commands.ts';

/** How the one grammar writes a field. */
export type Syntax =
  /** A bare positional word: `view DP001 support`. */
  | 'word'
  /** A key and its value: `title="…"`, `route=report`, `dcc=yes`, `by=2027-01-31`. */
  | 'pair'
  /** The trailing text: `withdraw DP001 <reason>`. */
  | 'rest'
  /** A word present when true: `raise … fasttrack`. */
  | 'flag';

export interface FieldDef {
  /** The command's field, as the schema names it. */
  key: string;
  /** The grammar's word for it and the form field's id, when not the key (`fasttrack`). */
  word?: string;
  syntax: Syntax;
  /** What a form calls it. */
  label: string;
  /** What a card calls it, where shorter than the form's label. */
  show?: string;
  /** A choice's labels by value; for a flag, the checkbox's text under `yes`. */
  choices?: Record<string, string>;
  hint?: string;
  /** A single-line text input (a title, an organisation, a list). */
  line?: boolean;
  /** A `YYYY-MM-DD` date. */
  date?: boolean;
  /** The form asks for it although the command may be given without it. */
  required?: boolean;
  /** The usage line's placeholder for the value instead of `"…"`. */
  placeholder?: string;
  /** The grammar also takes the trailing words as this field (`view … [comments]`). */
  orRest?: boolean;
}

const TITLE: FieldDef = { key: 'title', syntax: 'pair', label: 'Title', line: true };
const PROBLEM: FieldDef = { key: 'problem', syntax: 'pair', label: 'Problem statement' };
const SOLUTION: FieldDef = { key: 'solution', syntax: 'pair', label: 'Proposed solution' };
const BENEFITS: FieldDef = { key: 'benefits', syntax: 'pair', label: 'Benefits' };
const REASON: FieldDef = { key: 'reason', syntax: 'rest', label: 'Reason' };

/** The form commands' fields in the order the grammar and the forms take them. */
export const FIELDS = {
  raise: [
    TITLE,
    PROBLEM,
    SOLUTION,
    BENEFITS,
    {
      key: 'fastTrack',
      word: 'fasttrack',
      syntax: 'flag',
      label: 'Fast Track',
      choices: { yes: 'Request Fast Track (a housekeeping change)' },
    },
  ],
  amend: [TITLE, PROBLEM, SOLUTION, BENEFITS],
  iar: [
    {
      key: 'impacts',
      syntax: 'pair',
      label: 'Likely impacts on participants and systems',
      show: 'Impacts',
      required: true,
    },
    {
      key: 'route',
      syntax: 'pair',
      label: 'Recommended route',
      // R71: the routes by their plain names (as ROUTE_WORDS in words.ts), never the typed word.
      choices: {
        development: 'Development',
        refinement: 'Refinement',
        report: 'Report Stage',
        fasttrack: 'Fast Track',
      },
      required: true,
    },
    { key: 'questions', syntax: 'pair', label: 'Areas and questions to assess', show: 'Areas and questions' },
    {
      key: 'expertise',
      syntax: 'pair',
      label: 'Expertise wanted for the Working Group',
      show: 'Expertise wanted',
    },
    {
      key: 'subcommittees',
      syntax: 'pair',
      label: 'Relevant Sub-Committees',
      show: 'Sub-Committees',
      hint: 'Separate names with commas.',
      line: true,
      placeholder: '"A,B"',
    },
    { key: 'timetable', syntax: 'pair', label: 'Proposed timetable' },
    {
      key: 'dcc',
      syntax: 'pair',
      label: 'DCC system impacts',
      choices: { yes: 'Yes, likely', no: 'No, not likely' },
    },
  ],
  view: [
    {
      key: 'stance',
      syntax: 'word',
      label: 'Your view',
      choices: { support: 'Support', concerns: 'Concerns', oppose: 'Oppose' },
    },
    { key: 'rationale', syntax: 'pair', label: 'Rationale and merits' },
    { key: 'fit', syntax: 'pair', label: 'Fit to be raised, or needs more scope work?' },
    { key: 'areas', syntax: 'pair', label: 'Areas to consider' },
    { key: 'questions', syntax: 'pair', label: 'Questions for a Working Group' },
    { key: 'parallel', syntax: 'pair', label: 'Changes to progress in parallel' },
    { key: 'comments', syntax: 'pair', label: 'Other comments', orRest: true },
  ],
  object: [{ ...REASON, label: 'Why should this not follow Fast Track?' }],
  proceed: [{ key: 'rationale', syntax: 'rest', label: 'Rationale' }],
  withdraw: [REASON],
  'panel-route': [
    {
      key: 'route',
      syntax: 'word',
      label: 'Route',
      choices: { development: 'Development', refinement: 'Refinement', report: 'Report Stage' },
    },
    {
      key: 'determination',
      syntax: 'word',
      label: 'Determination',
      choices: { 'self-governance': 'Self-Governance', authority: 'Authority' },
    },
    { key: 'by', syntax: 'pair', label: 'Report back by', date: true },
    { key: 'questions', syntax: 'pair', label: 'Areas and questions to answer' },
  ],
  'panel-stall-notice': [],
  'panel-close': [REASON],
} as const satisfies Partial<Record<CommandType, readonly FieldDef[]>>;

export type FieldCommand = keyof typeof FIELDS;

/** A field as the schema and the table describe it together. */
export interface Field extends FieldDef {
  /** The grammar's word and the form field's id. */
  id: string;
  /** What it holds: text, one of `values`, yes or no, a date, or a comma-separated list. */
  holds: 'text' | 'choice' | 'yes-no' | 'date' | 'list';
  values?: readonly string[];
  /** The command may be given without it. */
  optional: boolean;
  /** The schema's limit on its length, when one is set. */
  maxLength?: number;
}

interface Zod {
  def: { type: string; innerType?: Zod };
  isOptional(): boolean;
  options?: readonly string[];
  maxLength?: number | null;
}

const schemaOf = (type: CommandType): Record<string, Zod> => {
  const s = commandSchemas.find((x) => x.shape.type.value === type);
  if (!s) throw new Error(`no schema for ${type}`);
  return s.shape as unknown as Record<string, Zod>;
};

/** The schema type under optional and default. */
const inner = (z: Zod): Zod => (z.def.innerType ? inner(z.def.innerType) : z);

function fieldOf(type: CommandType, d: FieldDef): Field {
  const z = schemaOf(type)[d.key];
  if (!z) throw new Error(`${type} has no field ${d.key}`);
  const t = inner(z);
  const holds =
    t.def.type === 'enum'
      ? 'choice'
      : t.def.type === 'boolean'
        ? 'yes-no'
        : t.def.type === 'array'
          ? 'list'
          : d.date
            ? 'date'
            : 'text';
  return {
    ...d,
    id: d.word ?? d.key,
    holds,
    ...(t.options ? { values: t.options } : {}),
    optional: z.isOptional() && !d.required,
    ...(typeof t.maxLength === 'number' ? { maxLength: t.maxLength } : {}),
  };
}

const cache = new Map<FieldCommand, Field[]>();

/** The fields of a form command, in order. */
/** R71: fields as a reply names them: the card's or the form's label, not the key typed before `=`. */
export function fieldWords(type: FieldCommand, keys: readonly string[]): string {
  const fields = fieldsOf(type);
  return keys
    .map((k) => {
      const f = fields.find((x) => x.key === k);
      return f ? (f.show ?? f.label) : k;
    })
    .join('; ');
}

export function fieldsOf(type: FieldCommand): Field[] {
  let f = cache.get(type);
  if (!f) cache.set(type, (f = (FIELDS[type] as readonly FieldDef[]).map((d) => fieldOf(type, d))));
  return f;
}

/** The keys the grammar reads as `key=value` for a command (and the flag words it also takes). */
export const pairKeys = (type: FieldCommand): string[] =>
  fieldsOf(type)
    .filter((f) => f.syntax === 'pair' || f.syntax === 'flag')
    .map((f) => f.id);

/** The phrase a command is typed with: `panel route` for panel-route. */
export const phraseFor = (type: FieldCommand): string => type.replace('-', ' ');

function usagePart(f: Field): string {
  const values = f.values?.join('|');
  const part =
    f.syntax === 'word'
      ? (values ?? f.id)
      : f.syntax === 'rest'
        ? f.id
        : f.syntax === 'flag'
          ? f.id
          : f.orRest
            ? f.id
            : `${f.id}=${f.holds === 'choice' ? values : f.holds === 'yes-no' ? 'yes|no' : f.holds === 'date' ? '<date>' : (f.placeholder ?? '"…"')}`;
  if (f.syntax === 'rest' && !f.optional) return ` <${part}>`;
  return f.optional || f.syntax === 'flag' ? ` [${part}]` : ` ${part}`;
}

/** R45: a form command's usage line, from its fields. */
/**
 * `narrow` offers fewer of a word field's values where only some would be accepted now: after
 * Development, `panel route` takes refinement or report only (R52).
 */
export const usageLine = (
  type: FieldCommand,
  narrow: Readonly<Record<string, readonly string[]>> = {},
): string =>
  `${phraseFor(type)}${type === 'raise' ? '' : ' <ref>'}${fieldsOf(type)
    .map((f) =>
      usagePart(
        narrow[f.id] && f.values ? { ...f, values: f.values.filter((v) => narrow[f.id]?.includes(v)) } : f,
      ),
    )
    .join('')}`;

/** A value the grammar reads back exactly: straight quotes with `\"` and `\\` escapes (R66). */
export const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
/** A bare word when it reads back as one; anything else is quoted (R66). */
export const asWord = (s: string): string => (/^[A-Za-z0-9:_.-]+$/.test(s) ? s : quote(s));
const word = asWord;

/** Values by field id: text as typed, a choice, `yes`/`no` or a boolean, a date. */
export type FieldValues = Partial<Record<string, string | boolean | undefined>>;

const text = (v: string | boolean | undefined): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

/**
 * R43: the text twin of a form command with these values, e.g. `raise title="…" problem="…" fasttrack`;
 * `only` limits it to some fields (an amendment names only what changed). Never throws.
 */
export function twinOf(
  type: FieldCommand,
  ref: string | undefined,
  values: FieldValues,
  only?: ReadonlySet<string>,
): string {
  const parts = fieldsOf(type).flatMap((f) => {
    if (only && !only.has(f.id)) return [];
    const v = values[f.id];
    if (f.syntax === 'flag') return v === true ? [` ${f.id}`] : [];
    const s = typeof v === 'boolean' ? (v ? 'yes' : 'no') : text(v);
    if (s === undefined) return [];
    if (f.syntax === 'word') return [` ${word(s)}`];
    if (f.syntax === 'rest') return [` ${quote(s)}`];
    return [` ${f.id}=${f.holds === 'text' || f.holds === 'list' ? quote(s) : word(s)}`];
  });
  return `${phraseFor(type)}${ref === undefined ? '' : ` ${word(ref)}`}${parts.join('')}`;
}
