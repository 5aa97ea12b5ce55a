/**
 * The ONE Yjs update that writes new values into the doc's `workshop` map ([WS1]), computed on a
 * copy of the live doc (like a restore, [SN5]) with a fresh random clientID (see updateOnCopy.ts and
 * writeGuard.ts).
 */
import type * as Y from 'yjs'
import { getWorkshopMap, type WorkshopState } from '@overlap/shared'
import { updateOnCopy } from '../rooms/updateOnCopy.js'

/** Keys to (over)write, with their new plain-JSON values. */
export type WorkshopChanges = Partial<WorkshopState>

export function buildWorkshopUpdate(live: Y.Doc, changes: WorkshopChanges): Uint8Array | null {
  return updateOnCopy(live, (copy) => {
    const map = getWorkshopMap(copy)
    for (const [key, value] of Object.entries(changes)) {
      // A JSON round trip: only plain data goes into the map (no undefined, no shared references).
      map.set(key, JSON.parse(JSON.stringify(value)) as unknown)
    }
  })
}
