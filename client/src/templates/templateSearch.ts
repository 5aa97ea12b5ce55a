import type { Template } from '@overlap/shared'

/** Gallery search: every word of the query appears in the name, description or practice. */
export function matchesQuery(template: Template, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  const hay = `${template.name} ${template.description} ${template.practice}`.toLowerCase()
  return words.every((w) => hay.includes(w))
}
