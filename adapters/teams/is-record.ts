/** A JSON object as Teams sends it (activities, card data, entities): read field by field, never trusted. */
export const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
