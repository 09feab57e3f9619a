export interface BudgetResult {
  name: string
  files: string[]
  brotli: number
  limit: number
  /** Issue 17's goal, when the set has one. */
  target: number | undefined
}
export interface Chunk {
  isEntry: boolean
  imports: string[]
  dynamicImports: string[]
  modules: Record<string, number>
}
export function loadBuild(root: string): { chunks: Record<string, Chunk>; budget: unknown }
export function libraries(chunks: Record<string, Chunk>): Record<string, { chunks: Set<string>; installs: Set<string> }>
export function duplicatedModules(chunks: Record<string, Chunk>): Array<[string, string[]]>
export function measure(root: string): BudgetResult[]
