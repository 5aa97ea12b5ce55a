/**
 * `GET /api/templates` (docs/ARCHITECTURE.md, "HTTP"): the catalogue's names for the home page's
 * create form. Fetched rather than imported so the home page does not carry the templates' content
 * (the board page bundles the catalogue for the gallery anyway). Parsed, not cast.
 */
export interface TemplateChoice {
  id: string
  name: string
  minutes: number | null
}

export function parseTemplateList(body: unknown): TemplateChoice[] {
  const list = body !== null && typeof body === 'object' ? (body as { templates?: unknown }).templates : undefined
  if (!Array.isArray(list)) return []
  const out: TemplateChoice[] = []
  for (const t of list) {
    if (t === null || typeof t !== 'object') continue
    const { id, name, minutes } = t as Record<string, unknown>
    if (typeof id !== 'string' || typeof name !== 'string' || id === '') continue
    out.push({ id, name, minutes: typeof minutes === 'number' && Number.isFinite(minutes) ? minutes : null })
  }
  return out
}

/** The templates the server offers; empty when it cannot say (the form then offers a blank board). */
export async function listTemplates(fetchImpl: typeof fetch = fetch): Promise<TemplateChoice[]> {
  try {
    const res = await fetchImpl('/api/templates', { headers: { Accept: 'application/json' } })
    if (!res.ok) return []
    return parseTemplateList(await res.json())
  } catch {
    return []
  }
}
