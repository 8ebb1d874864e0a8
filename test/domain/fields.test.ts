// Each form command's fields, declared once (R42, R43, R45, R65): the table in fields.ts and the zod
// schema together give the usage line, the form and the twin. The table must name every field of the
// schema and nothing else, the form must ask for exactly those fields, and a twin written from any
// values must read back, through the one grammar, to the command with those values.
import { describe, expect, it } from 'vitest';
import type { CommandType } from '../../src/domain/commands.ts';
import { commandSchemas } from '../../src/domain/commands.ts';
import type { Field, FieldCommand, FieldValues } from '../../src/domain/grammar/fields.ts';
import { FIELDS, fieldsOf, twinOf, usageLine } from '../../src/domain/grammar/fields.ts';
import { parse } from '../../src/domain/grammar/parse.ts';
import { USAGE } from '../../src/domain/grammar/usage.ts';
import type { FormId } from '../../src/views/forms.ts';
import { formFor } from '../../src/views/forms.ts';

const TYPES = Object.keys(FIELDS) as FieldCommand[];
const schemaKeys = (type: CommandType) =>
  Object.keys(commandSchemas.find((s) => s.shape.type.value === type)?.shape ?? {}).filter(
    (k) => k !== 'type' && k !== 'ref',
  );

/** A value for a field as a form gives it, and what the command holds for it. */
function sample(f: Field, i: number): { form: string | boolean; command: unknown } {
  switch (f.holds) {
    case 'choice': {
      const v = f.values?.[i % f.values.length] ?? '';
      return { form: v, command: v };
    }
    case 'yes-no':
      return f.syntax === 'flag' ? { form: true, command: true } : { form: 'no', command: false };
    case 'date':
      return { form: '2027-01-29', command: '2027-01-29' };
    case 'list':
      return { form: 'TABASC, SSC', command: ['TABASC', 'SSC'] };
    case 'text':
      return { form: ` Say "no" \\ then ${f.id} `, command: `Say "no" \\ then ${f.id}` };
  }
}

describe('fields declared once', () => {
  it.each(TYPES)('%s: the table names each field of the schema once, and nothing else', (type) => {
    expect(
      fieldsOf(type)
        .map((f) => f.key)
        .sort(),
    ).toEqual(schemaKeys(type).sort());
  });

  it.each(TYPES)('R43 %s: a twin written from values reads back to the command with them', (type) => {
    for (const i of [0, 1]) {
      const values: FieldValues = {};
      const command: Record<string, unknown> = { type };
      if (type !== 'raise') command.ref = 7;
      for (const f of fieldsOf(type)) {
        const s = sample(f, i);
        values[f.id] = s.form;
        command[f.key] = s.command;
      }
      const text = twinOf(type, type === 'raise' ? undefined : 'DP007', values);
      const r = parse(text);
      expect(r.ok && r.input.kind === 'command' && r.input.command, text).toEqual(command);
    }
  });

  it.each(TYPES)('R45 %s: the usage line names every field, the optional ones in brackets', (type) => {
    const line = usageLine(type);
    expect(USAGE[type]).toBe(line);
    for (const f of fieldsOf(type)) {
      const shown = f.syntax === 'word' ? (f.values?.join('|') ?? f.id) : f.id;
      expect(line).toContain(f.optional || f.syntax === 'flag' ? `[${shown}` : shown);
    }
  });

  it.each(TYPES.filter((t) => t !== 'raise' && t !== 'amend'))(
    'R65 the %s form asks for exactly the declared fields, required as declared',
    (type) => {
      const form = formFor(type as FormId, { ref: 'DP007' });
      expect(form.fields.map((f) => [f.id, f.optional === true])).toEqual(
        fieldsOf(type).map((f) => [f.id, f.optional || f.syntax === 'flag']),
      );
    },
  );

  it('R65 the raise and amend forms: a title is one line of at most 200 characters; amend asks for nothing in particular', () => {
    expect(formFor('raise').fields.map((f) => [f.id, f.kind, f.optional === true, f.maxLength])).toEqual([
      ['title', 'text', false, 200],
      ['problem', 'textarea', false, undefined],
      ['solution', 'textarea', true, undefined],
      ['benefits', 'textarea', true, undefined],
      ['fasttrack', 'checkbox', true, undefined],
    ]);
    expect(formFor('amend', { ref: 'DP007' }).fields.every((f) => f.optional)).toBe(true);
    // The IAR form asks for what the usage line shows as required, though the command can do without.
    expect(
      formFor('iar', { ref: 'DP007' })
        .fields.filter((f) => !f.optional)
        .map((f) => f.id),
    ).toEqual(['impacts', 'route']);
  });
});
