/** "23 Nov 2026, 13:40" in the reader's locale; the raw string when it is not a date. */
export function formatTime(iso: string, locale?: string): string {
  const d = new Date(iso)
  if (!iso || Number.isNaN(d.getTime())) return iso || 'unknown time'
  return d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })
}
