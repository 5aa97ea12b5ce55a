/**
 * The workshop as the board's UI sees it: the doc's `workshop` map parsed ([WS1]), the server clock,
 * the HTTP actions, and who I am. One provider per board page; every workshop component reads it.
 */
import { getWorkshopMap, readWorkshop, type Role, type WorkshopState } from '@overlap/shared'
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type * as Y from 'yjs'
import { boardFetch } from '../access/boardAccess'
import { createServerClock, type ServerClock } from './serverClock'
import { createWorkshopApi, type WorkshopApi } from './workshopApi'

export interface Workshop {
  state: WorkshopState
  clock: ServerClock
  api: WorkshopApi
  boardId: string
  role: Role
  isFacilitator: boolean
  /** This browser's identity id (also the tldraw user id without `user:`). */
  userId: string
}

const WorkshopCtx = createContext<Workshop | null>(null)

export function useWorkshop(): Workshop {
  const ctx = useContext(WorkshopCtx)
  if (!ctx) throw new Error('useWorkshop outside <WorkshopProvider>')
  return ctx
}

/** The parsed workshop state of a doc, re-read on every change to the map. */
export function useWorkshopState(doc: Y.Doc): WorkshopState {
  const [state, setState] = useState<WorkshopState>(() => readWorkshop(doc))
  useEffect(() => {
    const map = getWorkshopMap(doc)
    const update = () => setState(readWorkshop(doc))
    update()
    map.observe(update)
    return () => map.unobserve(update)
  }, [doc])
  return state
}

export function WorkshopProvider(props: { doc: Y.Doc; boardId: string; role: Role; userId: string; children: ReactNode }) {
  const { doc, boardId, role, userId } = props
  const state = useWorkshopState(doc)
  const fetchImpl = useMemo(() => boardFetch(boardId, (...a) => fetch(...a)), [boardId])
  const clock = useMemo(() => createServerClock({ fetchImpl: (...a) => fetch(...a) }), [])
  useEffect(() => {
    void clock.sync()
    return () => clock.dispose()
  }, [clock])
  const api = useMemo(() => createWorkshopApi(boardId, fetchImpl), [boardId, fetchImpl])
  const value = useMemo<Workshop>(
    () => ({ state, clock, api, boardId, role, isFacilitator: role === 'facilitator', userId }),
    [state, clock, api, boardId, role, userId]
  )
  return <WorkshopCtx.Provider value={value}>{props.children}</WorkshopCtx.Provider>
}
