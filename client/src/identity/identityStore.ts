/**
 * The local user's identity: a stable random id (trap 7: never the awareness client id, which
 * changes on every reload), a display name and a cursor colour, kept in localStorage under
 * `overlap:identity` as `{ id, name, color, side? }`.
 */
import { parseSide, type Side } from '@overlap/shared/access'

export interface Identity {
  id: string
  name: string
  color: string
  /** The side picked at join ([A9]); published in presence `meta.side`. Absent in older identities. */
  side?: Side
}

export const IDENTITY_STORAGE_KEY = 'overlap:identity'
export const MAX_NAME_CHARS = 40

/** Colours that read well as cursors and name tags on both light and dark canvases. */
export const IDENTITY_COLORS = [
  '#e03131',
  '#f76707',
  '#f08c00',
  '#2f9e44',
  '#0c8599',
  '#1971c2',
  '#6741d9',
  '#c2255c',
  '#5c940d',
  '#495057',
] as const

const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/
const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/

export function randomUserId(): string {
  return crypto.randomUUID().replace(/-/g, '')
}

export function randomColor(random: () => number = Math.random): string {
  return IDENTITY_COLORS[Math.floor(random() * IDENTITY_COLORS.length)]
}

export function normalizeName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_CHARS)
}

/** Parses a stored identity; anything malformed (hand-edited, older format) counts as absent. */
export function parseIdentity(raw: unknown): Identity | null {
  if (raw === null || typeof raw !== 'object') return null
  const { id, name, color, side } = raw as Record<string, unknown>
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) return null
  if (typeof name !== 'string' || normalizeName(name) === '') return null
  if (typeof color !== 'string' || !COLOR_PATTERN.test(color)) return null
  const parsedSide = parseSide(side)
  return parsedSide ? { id, name: normalizeName(name), color, side: parsedSide } : { id, name: normalizeName(name), color }
}

export interface IdentityStorage {
  load(): Identity | null
  save(identity: Identity): void
}

export function createIdentityStorage(storage: Storage = window.localStorage): IdentityStorage {
  return {
    load() {
      try {
        const text = storage.getItem(IDENTITY_STORAGE_KEY)
        return text === null ? null : parseIdentity(JSON.parse(text))
      } catch {
        return null
      }
    },
    save(identity) {
      storage.setItem(IDENTITY_STORAGE_KEY, JSON.stringify(identity))
    },
  }
}
