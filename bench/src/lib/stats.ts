/** Small statistics helpers: benchmarks quote medians and tail percentiles, never means alone. */

/** Nearest-rank percentile of an ascending-sorted array (p in 0..100). */
export function percentileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!
}

export function percentile(values: readonly number[], p: number): number {
  return percentileSorted([...values].sort((a, b) => a - b), p)
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

export interface Summary {
  n: number
  p50: number
  p99: number
  max: number
}

export function summarize(values: readonly number[]): Summary {
  const s = [...values].sort((a, b) => a - b)
  return {
    n: s.length,
    p50: percentileSorted(s, 50),
    p99: percentileSorted(s, 99),
    max: s.length ? s[s.length - 1]! : Number.NaN,
  }
}

export function fmt(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return String(n)
  return n.toFixed(digits)
}

export function fmtBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(2)} MiB`
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`
  return `${n} B`
}

/** "ours / ref" as a ratio string, e.g. "1.12×". */
export function ratio(ours: number, ref: number): string {
  if (!Number.isFinite(ours) || !Number.isFinite(ref) || ref === 0) return 'n/a'
  return `${(ours / ref).toFixed(2)}×`
}

/**
 * " (rounds 0.95–1.10×)": the range of the per-round ratios of paired measurements (ours[i] was
 * measured next to theirs[i]). On a 2-vCPU machine rounds differ by 10–15 %, so the ratio of
 * medians alone overstates its precision. Empty for fewer than two pairs.
 */
export function roundRange(ours: readonly number[], theirs: readonly number[]): string {
  const ratios = ours.flatMap((o, i) => (theirs[i]! > 0 ? [o / theirs[i]!] : []))
  if (ratios.length < 2) return ''
  return ` (rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×)`
}
