import { type Expression, type SqlBool, sql } from 'kysely';

/**
 * `value LIKE '%text%'` that looks for the text as typed: LIKE's wildcards (`%`, `_`) and the
 * escape character itself are escaped, so searching "100%" or "ana_2" finds those characters
 * instead of every row. The ESCAPE clause is spelt out because SQLite has no default escape
 * character, and PostgreSQL's default (the backslash) is then the same on both.
 */
export function containsText(value: Expression<string | null>, text: string): Expression<SqlBool> {
  return sql<SqlBool>`${value} like ${`%${escapeLikePattern(text)}%`} escape '\\'`;
}

export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
