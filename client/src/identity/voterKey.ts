/**
 * This browser's voter key ([WS6]): a random secret that the ballot routes take instead of the
 * identity id, which every peer sees in presence. Kept in localStorage (`overlap:voter-key`), one
 * per browser, so a reload keeps the voter's ballots; the server stores only its hash.
 */
import { parseVoterKey } from '@overlap/shared/workshop/ballots'
import { browserStorage } from '../browserStorage'

const VOTER_KEY_STORAGE_KEY = 'overlap:voter-key'

/** 32 URL-safe characters from 24 random bytes (192 bits). */
export function randomVoterKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24))
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export function loadVoterKey(storage: Pick<Storage, 'getItem' | 'setItem'> | null = browserStorage()): string {
  const stored = parseVoterKey(storage?.getItem(VOTER_KEY_STORAGE_KEY) ?? null)
  if (stored !== null) return stored
  const key = randomVoterKey()
  // Without storage (private mode), the key lives as long as the page: votes are still counted.
  try {
    storage?.setItem(VOTER_KEY_STORAGE_KEY, key)
  } catch {
    /* quota or disabled storage */
  }
  return key
}
