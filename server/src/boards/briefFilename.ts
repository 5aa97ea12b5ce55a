/**
 * The download name of a board's brief: `<slug>-brief.md`. The slug is ASCII only (accents folded,
 * everything else a dash), so it is safe inside a quoted `Content-Disposition` filename without any
 * escaping, on every browser and file system.
 */
const MAX_SLUG_CHARS = 60

export function boardSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_CHARS)
    .replace(/^-+|-+$/g, '')
  return slug === '' ? 'board' : slug
}

export function briefFilename(boardName: string): string {
  return `${boardSlug(boardName)}-brief.md`
}
