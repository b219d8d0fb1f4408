// SQL-first reads that return a contracts resource (docs/adr/0009-sql-first-queries.md): each resource has
// one `columns` constant, the SQL expression behind every field of its schema, keyed by the field name.
// Typing it against the resource means a field added to the schema does not compile until it is selected.

/** The SQL expression that yields each field of `T`. */
export type Columns<T> = { readonly [K in keyof T & string]-?: string }

/** `expr as "field", …`: rows come back keyed like the resource, with no hand-written aliases. */
export function selectList<T>(columns: Columns<T>): string {
  return Object.entries<string>(columns)
    .map(([field, expr]) => `${expr} as "${field}"`)
    .join(', ')
}

/** The row as the drivers return it: timestamptz fields arrive as Date, the resource carries ISO strings. */
export type WithInstants<T, K extends keyof T> = Omit<T, K> & {
  [P in K]: null extends T[P] ? Date | null : Date
}

/** The resource from its row: the named instants as ISO strings (null stays null), all else as read. */
export function withIsoInstants<T, K extends keyof T>(
  row: NoInfer<WithInstants<T, K>>,
  instants: readonly K[],
): T {
  const out: Record<string, unknown> = { ...row }
  for (const k of instants) {
    const v = out[k as string]
    if (v instanceof Date) out[k as string] = v.toISOString()
  }
  return out as T
}
