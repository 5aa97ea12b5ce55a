/**
 * Workshop state kept in the board's Y.Doc (shared/SPEC.md [WS1]–): the root map `workshop`, beside
 * the tldraw records. Only the server writes it ([WS2]): the facilitator's actions go through
 * `POST /api/boards/:id/workshop`, so every value is stamped with the server's clock, and a socket
 * update that touches this map is refused. Values are plain JSON (no nested Yjs types).
 *
 * Everything read from the doc is parsed here, never cast: a doc written by a newer or modified
 * client must not crash the board.
 */
import * as Y from 'yjs'


export const WORKSHOP_MAP = 'workshop'

/** Keys of the `workshop` map. */
export const WorkshopKey = {
  Timer: 'timer',
  Vote: 'vote',
  VoteHistory: 'voteHistory',
  Private: 'private',
  RevealedRounds: 'revealedRounds',
} as const

// --- timer ----------------------------------------------------------------------------------------

/** All times are the SERVER's clock (ms since the epoch); clients convert with their offset. */
export type TimerState =
  | { status: 'idle'; durationMs: number }
  /**
   * `setAt`: server time the countdown was last set (start, resume, add). A page's estimate of the
   * server clock may lag by a few milliseconds; capping at `endsAt − setAt` keeps it from ever showing
   * more time than was set ("5:01" for a 5-minute timer). Absent in docs written before it existed.
   */
  | { status: 'running'; durationMs: number; endsAt: number; setAt?: number }
  | { status: 'paused'; durationMs: number; remainingMs: number }

export const IDLE_TIMER: TimerState = { status: 'idle', durationMs: 5 * 60_000 }
export const MAX_TIMER_MS = 4 * 60 * 60_000

/** Remaining milliseconds at server time `serverNow` (never negative). */
export function timerRemainingMs(timer: TimerState, serverNow: number): number {
  switch (timer.status) {
    case 'idle':
      return timer.durationMs
    case 'paused':
      return Math.max(0, timer.remainingMs)
    case 'running': {
      const left = timer.endsAt - serverNow
      return Math.max(0, timer.setAt === undefined ? left : Math.min(left, timer.endsAt - timer.setAt))
    }
  }
}

// --- dot voting -----------------------------------------------------------------------------------

export interface VoteConfig {
  /** 1–99. */
  votesPerPerson: number
  /** At most one vote per card and person. */
  onePerCard: boolean
  /** Named votes show who voted for what once the vote ends; anonymous ones only counts. */
  anonymous: boolean
}

export const SIDE_OR_UNKNOWN = ['product', 'engineering', 'design', 'other', 'unknown'] as const
export type SideOrUnknown = (typeof SIDE_OR_UNKNOWN)[number]
export type SideCounts = Record<SideOrUnknown, number>

export interface VoteResultRow {
  cardId: string
  /** The card's text when the vote ended (results stay readable if the card is deleted later). */
  title: string
  total: number
  bySide: SideCounts
  /** Voter names (one entry per vote), only for named votes. */
  voters?: string[]
}

interface VoteBase {
  id: string
  /** What the facilitator picked: "Frame “Risks”", "3 selected cards", "All cards". */
  scopeLabel: string
  cardIds: string[]
  config: VoteConfig
  startedAt: number
}

/** While open the doc holds no ballots: they stay on the server until the end ([WS6]). */
export interface OpenVote extends VoteBase {
  status: 'open'
}

export interface EndedVote extends VoteBase {
  status: 'ended'
  endedAt: number
  /** Ranked: most votes first, ties by card order in `cardIds`. Every card of the vote has a row. */
  results: VoteResultRow[]
  /** People who cast at least one vote, by side. */
  votersBySide: SideCounts
}

export type VoteState = OpenVote | EndedVote

// --- private mode ---------------------------------------------------------------------------------

/**
 * While a round is on, cards a participant creates (in the frame, or anywhere when `frameId` is
 * null) carry `meta.overlapDraft = { round, author }` and are hidden from everyone but their
 * author until the round is revealed ([WS8]).
 */
export type PrivateState = { status: 'off' } | { status: 'on'; round: string; frameId: string | null; startedAt: number }

export const DRAFT_META_KEY = 'overlapDraft'
export interface DraftMeta {
  round: string
  /** The author's stable user id (identity id). */
  author: string
}

/** Shape meta key for the facilitator lock ([WS9]). */
export const LOCK_META_KEY = 'overlapLocked'

// --- the whole state ------------------------------------------------------------------------------

export interface WorkshopState {
  timer: TimerState
  vote: VoteState | null
  voteHistory: EndedVote[]
  private: PrivateState
  revealedRounds: string[]
}

export const EMPTY_WORKSHOP: WorkshopState = {
  timer: IDLE_TIMER,
  vote: null,
  voteHistory: [],
  private: { status: 'off' },
  revealedRounds: [],
}

export function getWorkshopMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(WORKSHOP_MAP)
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const isStr = (v: unknown): v is string => typeof v === 'string'

export function parseTimer(v: unknown): TimerState | null {
  if (!isObject(v) || !isNum(v.durationMs)) return null
  if (v.status === 'idle') return { status: 'idle', durationMs: v.durationMs }
  if (v.status === 'running' && isNum(v.endsAt)) {
    return isNum(v.setAt)
      ? { status: 'running', durationMs: v.durationMs, endsAt: v.endsAt, setAt: v.setAt }
      : { status: 'running', durationMs: v.durationMs, endsAt: v.endsAt }
  }
  if (v.status === 'paused' && isNum(v.remainingMs)) return { status: 'paused', durationMs: v.durationMs, remainingMs: v.remainingMs }
  return null
}

function parseSideCounts(v: unknown): SideCounts {
  const o = isObject(v) ? v : {}
  const out = {} as SideCounts
  for (const s of SIDE_OR_UNKNOWN) out[s] = isNum(o[s]) ? o[s] : 0
  return out
}

function parseConfig(v: unknown): VoteConfig | null {
  if (!isObject(v) || !isNum(v.votesPerPerson)) return null
  return { votesPerPerson: v.votesPerPerson, onePerCard: v.onePerCard === true, anonymous: v.anonymous !== false }
}

export function parseVote(v: unknown): VoteState | null {
  if (!isObject(v) || !isStr(v.id) || !Array.isArray(v.cardIds) || !isNum(v.startedAt)) return null
  const config = parseConfig(v.config)
  if (!config) return null
  const base = {
    id: v.id,
    scopeLabel: isStr(v.scopeLabel) ? v.scopeLabel : '',
    cardIds: v.cardIds.filter(isStr),
    config,
    startedAt: v.startedAt,
  }
  if (v.status === 'open') return { ...base, status: 'open' }
  if (v.status !== 'ended' || !isNum(v.endedAt) || !Array.isArray(v.results)) return null
  const results: VoteResultRow[] = []
  for (const r of v.results) {
    if (!isObject(r) || !isStr(r.cardId) || !isNum(r.total)) continue
    const row: VoteResultRow = { cardId: r.cardId, title: isStr(r.title) ? r.title : '', total: r.total, bySide: parseSideCounts(r.bySide) }
    if (Array.isArray(r.voters)) row.voters = r.voters.filter(isStr)
    results.push(row)
  }
  return { ...base, status: 'ended', endedAt: v.endedAt, results, votersBySide: parseSideCounts(v.votersBySide) }
}

export function parsePrivate(v: unknown): PrivateState | null {
  if (!isObject(v)) return null
  if (v.status === 'off') return { status: 'off' }
  if (v.status === 'on' && isStr(v.round) && isNum(v.startedAt)) {
    return { status: 'on', round: v.round, frameId: isStr(v.frameId) ? v.frameId : null, startedAt: v.startedAt }
  }
  return null
}

export function parseDraftMeta(meta: unknown): DraftMeta | null {
  if (!isObject(meta)) return null
  const d = meta[DRAFT_META_KEY]
  return isObject(d) && isStr(d.round) && isStr(d.author) ? { round: d.round, author: d.author } : null
}

/** The workshop state of a doc; anything missing or unreadable falls back to its empty value. */
export function readWorkshop(doc: Y.Doc): WorkshopState {
  const map = getWorkshopMap(doc)
  const history = map.get(WorkshopKey.VoteHistory)
  const revealed = map.get(WorkshopKey.RevealedRounds)
  return {
    timer: parseTimer(map.get(WorkshopKey.Timer)) ?? IDLE_TIMER,
    vote: parseVote(map.get(WorkshopKey.Vote)),
    voteHistory: Array.isArray(history)
      ? history.map(parseVote).filter((v): v is EndedVote => v !== null && v.status === 'ended')
      : [],
    private: parsePrivate(map.get(WorkshopKey.Private)) ?? { status: 'off' },
    revealedRounds: Array.isArray(revealed) ? revealed.filter(isStr) : [],
  }
}

/** Whether a shape is a draft hidden from `viewerUserId` ([WS8]): another author's, round not revealed. */
export function isHiddenDraft(shapeMeta: unknown, viewerUserId: string, workshop: Pick<WorkshopState, 'revealedRounds'>): boolean {
  const draft = parseDraftMeta(shapeMeta)
  return draft !== null && draft.author !== viewerUserId && !workshop.revealedRounds.includes(draft.round)
}

