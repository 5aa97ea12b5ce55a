/**
 * How a countdown reads: `mm:ss` (`h:mm:ss` past an hour). Seconds round UP, as on a kitchen timer:
 * 4:59.2 left shows 05:00 and "00:00" appears only when the time is really up.
 */
export function formatRemaining(ms: number): string {
  const total = Math.ceil(Math.max(0, Number.isFinite(ms) ? ms : 0) / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const pad = (n: number) => String(n).padStart(2, '0')
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`
}
