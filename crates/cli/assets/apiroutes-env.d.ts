// Types for the modules apiroutes provides (written by `apiroutes dev` and `apiroutes build`
// into projects that have a tsconfig.json, as Next writes next-env.d.ts).
// NOTE: This file should not be edited; apiroutes rewrites it.

declare module 'apiroutes/sql' {
  /** A value a query can bind. Dates are sent as ISO-8601 text, objects and arrays as JSON
   * (arrays as array literals on Postgres), bytes as a BLOB / bytea. */
  export type SQLValue =
    | string
    | number
    | bigint
    | boolean
    | null
    | undefined
    | Date
    | Uint8Array
    | ArrayBuffer
    | readonly unknown[]
    | { readonly [key: string]: unknown }

  /** The rows of a query, with what the database said about it. */
  export type SQLResult<Row> = Row[] & {
    /** Rows returned, or rows changed by INSERT/UPDATE/DELETE. */
    readonly count: number
    /** The statement's command: 'SELECT', 'INSERT', ... */
    readonly command: string
    /** SQLite's last inserted rowid (0 on Postgres: use RETURNING). */
    readonly lastInsertRowid: number | bigint
  }

  /** A query: runs when awaited (or on `.execute()`); inside another template it is a fragment. */
  export interface Query<Rows extends readonly unknown[]> extends Promise<SQLResult<Rows[number]>> {
    /** Rows as arrays of values instead of objects. */
    values(): Query<unknown[][]>
    /** Sends the query now rather than when first awaited. */
    execute(): this
  }

  /** What `sql(value, ...columns)` returns: an insert list, a SET list, an IN list or an
   * escaped identifier, depending on where it is written. */
  export interface Helper {
    readonly value: unknown
    readonly columns: readonly string[]
  }

  export interface Sql {
    /** A query; every `${value}` is bound as a parameter, never spliced. */
    <Rows extends readonly unknown[] = Record<string, any>[]>(
      strings: TemplateStringsArray,
      ...values: Array<SQLValue | Query<readonly unknown[]> | Helper>
    ): Query<Rows>
    /** `sql(object | objects, ...columns)` for INSERT/SET, `sql([1, 2])` for IN, `sql('name')` for an identifier. */
    (value: SQLValue | readonly SQLValue[] | string, ...columns: Array<string | readonly string[]>): Helper
    /** Text sent as written, with `?`, `?N` or `$N` placeholders. */
    unsafe<Rows extends readonly unknown[] = Record<string, any>[]>(text: string, params?: readonly SQLValue[]): Query<Rows>
    /** A transaction: committed when `fn` settles, rolled back (and the error rethrown) when it throws. */
    begin<T>(fn: (tx: TransactionSql) => T | Promise<T>): Promise<Awaited<T>>
    begin<T>(options: string, fn: (tx: TransactionSql) => T | Promise<T>): Promise<Awaited<T>>
    transaction: Sql['begin']
    /** The pool lives as long as the process: accepted and does nothing. */
    close(): Promise<void>
    end(): Promise<void>
    readonly dialect: 'sqlite' | 'postgres'
  }

  export interface TransactionSql extends Sql {
    /** A nested transaction as a savepoint. */
    savepoint<T>(fn: (tx: TransactionSql) => T | Promise<T>): Promise<Awaited<T>>
    savepoint<T>(name: string, fn: (tx: TransactionSql) => T | Promise<T>): Promise<Awaited<T>>
  }

  /** A client for another database: `sqlite:PATH`, `sqlite::memory:`, `postgres://...`;
   * without a URL, the project's own (`DATABASE_URL`). */
  export const SQL: {
    new (url?: string | { url: string }): Sql
  }

  /** Errors of the embedded SQLite store. */
  export interface SQLiteError extends Error {
    readonly code: string
    readonly errno: number
  }

  /** Errors from Postgres, with its SQLSTATE as `code`. */
  export interface PostgresError extends Error {
    readonly code: string
    readonly errno: string
    readonly severity?: string
    readonly detail?: string
    readonly hint?: string
    readonly constraint?: string
    readonly table?: string
    readonly column?: string
  }

  /** The project's database (`DATABASE_URL`, or `.apiroutes/data.db`). */
  export const sql: Sql
  export default sql
}

declare module 'apiroutes:sql' {
  export * from 'apiroutes/sql'
  export { default } from 'apiroutes/sql'
}
