// Minimal typings for better-sqlite3 (no @types package is installed): only what the server uses.
declare module 'better-sqlite3' {
  export interface RunResult {
    changes: number
    lastInsertRowid: number | bigint
  }
  export interface Statement<Row = unknown> {
    run(...params: unknown[]): RunResult
    get(...params: unknown[]): Row | undefined
    all(...params: unknown[]): Row[]
  }
  export interface Database {
    prepare<Row = unknown>(sql: string): Statement<Row>
    exec(sql: string): this
    pragma(source: string, options?: { simple?: boolean }): unknown
    transaction<F extends (...args: never[]) => unknown>(fn: F): F
    readonly inTransaction: boolean
    close(): this
    readonly open: boolean
  }
  interface DatabaseConstructor {
    new (filename: string | Buffer, options?: { readonly?: boolean; fileMustExist?: boolean }): Database
  }
  const Database: DatabaseConstructor
  export default Database
}
