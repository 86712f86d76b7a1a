export interface Row {
  id: string
  title: string
  value: number
  unit: string
  /** value / the baseline row's value, when a baseline was measured in the same run. */
  ratio?: number
  baseline?: string
  target?: string
  pass?: boolean
  detail?: string
}

export interface BenchContext {
  databaseUrl: string
  durationSeconds: number
  /** Row ids asked for on the command line (`npm run bench -- sign-wrk`): a section measures only those. Empty: all. */
  rows: ReadonlySet<string>
  /** A fresh schema on the real PostgreSQL, so the bench never touches anyone's data. */
  createSchema(): Promise<string>
  dropSchema(schema: string): Promise<void>
}
