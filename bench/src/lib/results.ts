/**
 * One printed figure of a benchmark. Every benchmark returns a list of these; `run-all` prints them
 * together as the summary table. Benchmarks print figures, they never fail a build.
 */
export interface Figure {
  bench: string
  metric: string
  value: string
  /** The reference server's figure measured in the same run, if any. */
  reference?: string
  /** ours / reference, or the target this figure is judged against. */
  note?: string
}

export function printTable(figures: readonly Figure[]): void {
  const header: Figure = { bench: 'bench', metric: 'metric', value: 'ours', reference: 'reference', note: 'ratio / target' }
  const rows = [header, ...figures]
  const cols: (keyof Figure)[] = ['bench', 'metric', 'value', 'reference', 'note']
  const widths = cols.map((c) => Math.max(...rows.map((r) => (r[c] ?? '').length)))
  const line = (r: Figure) => cols.map((c, i) => (r[c] ?? '').padEnd(widths[i]!)).join(' | ')
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const f of figures) console.log(line(f))
}

/** Lets a benchmark file run alone: `node bench/dist/fanout.js`. */
export function isMain(metaUrl: string): boolean {
  const entry = process.argv[1]
  if (entry === undefined) return false
  return metaUrl === new URL(`file://${entry}`).href || metaUrl.endsWith(entry)
}

export async function runStandalone(name: string, fn: () => Promise<Figure[]>): Promise<void> {
  try {
    const figures = await fn()
    console.log(`\n== ${name}: summary ==`)
    printTable(figures)
    process.exit(0)
  } catch (err) {
    console.error(`${name} failed:`, err)
    process.exit(1)
  }
}
