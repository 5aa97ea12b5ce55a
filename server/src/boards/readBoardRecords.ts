/**
 * A board's records and ended votes for read-only HTTP routes (the brief): from the live room's doc
 * when the board is open (it holds exactly what is stored [S6]), else decoded from storage into a
 * throwaway doc. Never creates a room: a brief download must not keep a board in memory.
 */
import * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { readRecordsFromDoc, readWorkshop, type BoardId, type EndedVote } from '@overlap/shared'
import type { BoardStorage } from '../storage/BoardStorage.js'
import type { Logger } from '../log.js'
import { openStoredDoc } from '../storage/mergeDoc.js'

export interface BoardRecordsReaderDeps {
  storage: BoardStorage
  /** The doc of a live room, or null (RoomManager.loadedDoc). */
  loadedDoc(boardId: BoardId): Y.Doc | null
  log: Logger
}

export interface BoardReading {
  /** Unvalidated, as in the doc. */
  records: TLRecord[]
  /** `workshop.voteHistory` ([WS7]). */
  votes: EndedVote[]
}

/** Resolves to the board's records and ended votes, or null for an unknown board. */
export type BoardRecordsReader = (boardId: BoardId) => Promise<BoardReading | null>

const readDoc = (doc: Y.Doc): BoardReading => ({ records: readRecordsFromDoc(doc), votes: readWorkshop(doc).voteHistory })

export function createBoardRecordsReader({ storage, loadedDoc, log }: BoardRecordsReaderDeps): BoardRecordsReader {
  return async (boardId) => {
    const live = loadedDoc(boardId)
    if (live) return readDoc(live)
    const stored = await storage.loadDoc(boardId)
    if (stored === null) return null
    const doc = openStoredDoc(stored, log, boardId)
    try {
      return readDoc(doc)
    } finally {
      doc.destroy()
    }
  }
}
