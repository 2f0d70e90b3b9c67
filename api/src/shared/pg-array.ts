/**
 * A PostgreSQL array literal for `?::uuid[]` / `?::text[]` parameters. MikroORM expands a JS array
 * parameter into a comma list, so arrays travel as one literal. Only for values without quotes,
 * commas, braces or backslashes (ids, enum values): anything else is refused rather than escaped.
 */
export function pgArray(values: readonly string[]): string {
  for (const v of values) if (!/^[A-Za-z0-9_-]+$/.test(v)) throw new Error(`pgArray takes ids and enum values only, got ${JSON.stringify(v.slice(0, 40))}`);
  return `{${values.join(',')}}`;
}
