// The register's query string (status, search text, page, size), parsed by zod: anything else gets a
// plain 400 saying what was wrong, never a crash.
import { z } from 'zod';
import type { RegisterQuery } from '../../src/app/register.ts';
import { MAX_PAGE_SIZE, PAGE_SIZE } from '../../src/app/register.ts';
import { STATUS_FILTERS } from '../../src/views/register.ts';

const count = (max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));

const schema = z.object({
  status: z.enum(STATUS_FILTERS).optional(),
  // PostgreSQL's text cannot hold NUL: such a search would fail in the database (a 500), not find nothing.
  q: z
    .string()
    .max(200)
    .refine((s) => !s.includes('\u0000'), { params: { nul: true } })
    .optional(),
  page: count(1_000_000).optional(),
  size: count(MAX_PAGE_SIZE).optional(),
});

const MESSAGES: Record<string, string> = {
  status: 'The status filter is not one the register knows.',
  q: 'The search text is too long (200 characters at most).',
  page: 'The page must be a whole number from 1.',
  size: `The page size must be a whole number from 1 to ${MAX_PAGE_SIZE}.`,
};

const NUL_MESSAGE = 'The search text holds a character that cannot be searched for (a NUL).';

/** Unknown parameters (the key, a tracking tag) are left to others; the CSV twin ignores page and size. */
export function parseListQuery(
  query: unknown,
): { ok: true; query: RegisterQuery } | { ok: false; message: string } {
  const r = schema.safeParse(query);
  if (!r.success) {
    const issue = r.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    if (issue?.code === 'custom' && field === 'q') return { ok: false, message: NUL_MESSAGE };
    return { ok: false, message: MESSAGES[field] ?? 'That search is not valid.' };
  }
  const q = r.data;
  const text = q.q?.trim();
  return {
    ok: true,
    query: {
      status: q.status ?? 'all',
      ...(text ? { text } : {}),
      page: q.page ?? 1,
      size: q.size ?? PAGE_SIZE,
    },
  };
}
