/**
 * Workshop facilitation on the server ([WS1]–[WS10], shared/SPEC.md) against a real server (port 0,
 * SQLite in a temp dir) with unmodified y-websocket 3.1 clients and raw sockets.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { TLRecord } from '@tldraw/tlschema'
import {
  CloseCode,
  getWorkshopMap,
  readWorkshop,
  writeRecordsToDoc,
  type BoardId,
  type EndedVote,
  type MyBallots,
  type Role,
  type WorkshopState,
} from '@overlap/shared'
import {
  connectClient,
  rawSocket,
  readStoredDoc,
  startTestServer,
  tokensFor,
  waitFor,
  withTimeout,
  type TestClient,
  type TestServer,
} from '../testing/harness.js'
import { encodeAwareness, encodeSyncStep1, encodeUpdate } from '../rooms/messages.js'
import { createLogger } from '../log.js'
import { voterIdOf } from './voterId.js'

let srv: TestServer
let clients: TestClient[]
let boardId: BoardId
let tokens: Record<Role, string>
let warnings: Array<Record<string, unknown>>

const client = (role: Role, id: BoardId = boardId) => {
  const c = connectClient(srv.wsOrigin, id, new Y.Doc(), tokensFor(id)[role])
  clients.push(c)
  return c
}
const post = (p: string, body: unknown, token: string) =>
  fetch(`${srv.url}${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  })
const act = (body: unknown, token = tokens.facilitator) => post(`/api/boards/${boardId}/workshop`, body, token)
const actOk = async (body: unknown): Promise<WorkshopState> => {
  const res = await act(body)
  expect(res.status, JSON.stringify(body)).toBe(200)
  return ((await res.json()) as { workshop: WorkshopState }).workshop
}
const liveDoc = () => srv.overlap.rooms.loadedDoc(boardId)

beforeEach(async () => {
  warnings = []
  srv = await startTestServer({ log: createLogger({ level: 'warn', write: (l) => warnings.push(JSON.parse(l) as Record<string, unknown>) }) })
  clients = []
  boardId = await srv.createBoard()
  tokens = tokensFor(boardId)
})
afterEach(async () => {
  for (const c of clients) c.destroy()
  await srv.stop()
})

describe('[WS3] server clock and facilitator actions', () => {
  it('[WS3] GET /api/time answers the server clock, never cached', async () => {
    const res = await fetch(`${srv.url}/api/time`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.json()).toEqual({ now: srv.clock.now() })
    srv.clock.tick(1234)
    expect(await (await fetch(`${srv.url}/api/time`)).json()).toEqual({ now: srv.clock.now() })
  })

  it('[WS3] [WS4] a facilitator starts the timer; a participant and a viewer see the same timer via sync', async () => {
    const participant = client('edit')
    const viewer = client('view')
    await Promise.all([participant.synced(), viewer.synced()])
    const start = srv.clock.now()
    const state = await actOk({ type: 'timer.start', seconds: 90 })
    expect(state.timer).toEqual({ status: 'running', durationMs: 90_000, endsAt: start + 90_000, setAt: start })
    for (const c of [participant, viewer]) {
      await waitFor(() => readWorkshop(c.doc).timer.status === 'running', 'the timer to reach a client')
      expect(readWorkshop(c.doc).timer).toEqual(state.timer)
    }
    // Less than one keep-alive interval: a tick past two would drop the (silent) test sockets.
    srv.clock.tick(10_000)
    expect((await actOk({ type: 'timer.pause' })).timer).toEqual({ status: 'paused', durationMs: 90_000, remainingMs: 80_000 })
    await waitFor(() => readWorkshop(viewer.doc).timer.status === 'paused', 'the pause to reach the viewer')
    await waitFor(() => readWorkshop(participant.doc).timer.status === 'paused', 'the pause to reach the participant')
    expect(participant.closes).toEqual([])
    expect(viewer.closes).toEqual([])

    // [WS2] A reconnect's sync step 2 carries the client's whole delete set, with the server's own
    // overwrites of the timer: that is not a workshop write, the socket stays.
    participant.provider.disconnect()
    participant.doc.getMap('records').set('shape:offline', { x: 1 })
    participant.provider.connect()
    await waitFor(() => liveDoc()?.getMap('records').has('shape:offline') === true, 'the offline edit after reconnecting')
    expect(participant.closes.filter((c) => c.code === CloseCode.Forbidden)).toEqual([])
    expect(participant.provider.wsconnected).toBe(true)
  })

  it('[WS3] [WS4] a running timer survives a server restart: a client joining afterwards gets the same end time', async () => {
    const start = srv.clock.now()
    const started = (await actOk({ type: 'timer.start', seconds: 300 })).timer
    expect(started).toEqual({ status: 'running', durationMs: 300_000, endsAt: start + 300_000, setAt: start })
    await srv.stop()
    srv = await startTestServer({ dataDir: srv.dataDir })
    const late = client('view')
    await late.synced()
    expect(readWorkshop(late.doc).timer).toEqual(started)
    // …and the facilitator can carry on with it.
    expect((await actOk({ type: 'timer.pause' })).timer.status).toBe('paused')
  })

  it('[WS3] only a facilitator token may act (403 edit/view, 401 none); bad bodies are 400, wrong states 409', async () => {
    expect((await act({ type: 'timer.start', seconds: 60 }, tokens.edit)).status).toBe(403)
    expect((await act({ type: 'timer.start', seconds: 60 }, tokens.view)).status).toBe(403)
    const anon = await fetch(`${srv.url}/api/boards/${boardId}/workshop`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })
    expect(anon.status).toBe(401)
    const bad = await act({ type: 'timer.start', seconds: 0 })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ error: 'invalid_action', message: 'seconds must be a whole number of seconds from 1 to 14400' })
    expect((await act({ type: 'nope' })).status).toBe(400)
    const pause = await act({ type: 'timer.pause' })
    expect(pause.status).toBe(409)
    expect(await pause.json()).toMatchObject({ error: 'timer_not_running', message: expect.stringContaining('idle') })
    expect((await act({ type: 'vote.end' })).status).toBe(409)
    expect((await act({ type: 'private.reveal' })).status).toBe(409)
    // Nothing was written by any refused action.
    expect(readWorkshop(liveDoc() ?? new Y.Doc()).timer.status).toBe('idle')
  })

  it('[WS8] private rounds: start (409 when on), reveal appends the round', async () => {
    const on = await actOk({ type: 'private.start', frameId: null })
    expect(on.private).toEqual({ status: 'on', round: expect.stringMatching(/^[A-Za-z0-9_-]+$/), frameId: null, startedAt: srv.clock.now() })
    expect((await act({ type: 'private.start', frameId: 'shape:f' })).status).toBe(409)
    const round = (on.private as { round: string }).round
    const off = await actOk({ type: 'private.reveal' })
    expect(off.private).toEqual({ status: 'off' })
    expect(off.revealedRounds).toEqual([round])
  })
})

describe('[WS2] only the server writes the workshop map', () => {
  it('[WS2] a participant socket writing `workshop` is closed 4403; nothing is relayed or stored; its other sockets carry on', async () => {
    await actOk({ type: 'timer.start', seconds: 60 })
    const observer = client('edit')
    const sameUserOtherSocket = client('edit')
    const otherBoard = await srv.createBoard('other')
    const onOtherBoard = client('edit', otherBoard)
    await Promise.all([observer.synced(), sameUserOtherSocket.synced(), onOtherBoard.synced()])
    const expectedTimer = readWorkshop(observer.doc).timer
    expect(expectedTimer.status).toBe('running')

    // A raw socket overwrites the timer (an item that names its parent only through its origin).
    const forged = new Y.Doc()
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(liveDoc()!))
    const before = Y.encodeStateVector(forged)
    getWorkshopMap(forged).set('timer', { status: 'running', durationMs: 1, endsAt: 1 })
    const raw = rawSocket(`${srv.wsOrigin}/sync/${boardId}?token=${tokens.edit}`)
    await raw.opened
    raw.ws.send(encodeUpdate(Y.encodeStateAsUpdate(forged, before)))
    expect((await withTimeout(raw.closed, 5000, 'the forging socket to close')).code).toBe(CloseCode.Forbidden)
    expect(warnings.some((w) => w.msg === 'workshop write refused' && w.role === 'edit')).toBe(true)

    // The others carry on: an edit still goes round, the timer is the server's.
    sameUserOtherSocket.doc.getMap('records').set('shape:ok', { x: 1 })
    await waitFor(() => observer.doc.getMap('records').has('shape:ok'), 'an edit after the refusal')
    onOtherBoard.doc.getMap('records').set('shape:ok2', { x: 1 })
    await waitFor(() => srv.overlap.rooms.loadedDoc(otherBoard)?.getMap('records').has('shape:ok2') === true, 'the other board')
    expect(readWorkshop(observer.doc).timer).toEqual(expectedTimer)
    expect(sameUserOtherSocket.closes).toEqual([])

    // An unmodified client of a facilitator writing the map directly is refused too.
    const fac = client('facilitator')
    await fac.synced()
    getWorkshopMap(fac.doc).delete('timer')
    await waitFor(() => fac.closes.some((c) => c.code === CloseCode.Forbidden), 'the facilitator socket to close 4403')
    expect(readWorkshop(observer.doc).timer).toEqual(expectedTimer)

    for (const c of clients.splice(0)) c.destroy()
    await srv.stop()
    const stored = await readStoredDoc(srv.dataDir, boardId)
    expect(readWorkshop(stored).timer).toEqual(expectedTimer)
    expect(stored.getMap('records').has('shape:ok')).toBe(true)
    srv = await startTestServer({ dataDir: srv.dataDir })
  })
})

describe('[WS5] [WS6] [WS7] dot voting', () => {
  const cards = ['shape:c1', 'shape:c2', 'shape:c3']
  const note = (id: string, text: string) =>
    ({
      id, typeName: 'shape', type: 'note', parentId: 'page:page', index: 'a1', x: 0, y: 0, rotation: 0, isLocked: false, opacity: 1, meta: {},
      props: { richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } },
    }) as unknown as TLRecord
  const ballotsUrl = (voteId: string) => `/api/boards/${boardId}/votes/${voteId}/ballots`
  // A voter's secret key (≥ 22 characters); the name says whose.
  const keyOf = (voter: string) => `${voter}-secret-voter-key-0123456789`
  const cast = (voteId: string, voter: string, cardId: string, delta: 1 | -1 = 1, side: string | null = 'product', token = tokens.edit) =>
    post(ballotsUrl(voteId), { voterKey: keyOf(voter), name: `Name ${voter}`, side, cardId, delta }, token)
  const mineUrl = (voteId: string, voter: string, token: string) => `${srv.url}${ballotsUrl(voteId)}?voterKey=${keyOf(voter)}&token=${token}`
  const castOk = async (...args: Parameters<typeof cast>) => {
    const res = await cast(...args)
    expect(res.status).toBe(200)
    return (await res.json()) as MyBallots
  }
  const startVote = async (config = { votesPerPerson: 3, onePerCard: true, anonymous: false }) => {
    const state = await actOk({ type: 'vote.start', cardIds: cards, scopeLabel: 'All cards', config })
    expect(state.vote).toMatchObject({ status: 'open', cardIds: cards, config, scopeLabel: 'All cards', startedAt: srv.clock.now() })
    return state.vote!.id
  }

  it('[WS6] ballots follow the rules, each refusal with its code; the doc holds no ballot while open; end tallies by side', async () => {
    const participant = client('edit')
    await participant.synced()
    writeRecordsToDoc(participant.doc, [note('shape:c1', 'First'), note('shape:c2', 'Second'), note('shape:c3', 'Third')])
    await waitFor(() => liveDoc()?.getMap('records').has('shape:c3') === true, 'the cards on the server')

    const voteId = await startVote()
    expect(voteId).toMatch(/^[A-Za-z0-9_-]+$/)
    expect((await act({ type: 'vote.start', cardIds: cards, scopeLabel: '', config: { votesPerPerson: 1 } })).status).toBe(409)

    expect(await castOk(voteId, 'alice', 'shape:c2')).toEqual({ voteId, mine: { 'shape:c2': 1 }, left: 2 })
    const refusals: Array<[Response, string]> = [
      [await cast(voteId, 'alice', 'shape:c2'), 'one_per_card'],
      [await cast(voteId, 'alice', 'shape:nope'), 'not_in_vote'],
      [await cast(voteId, 'alice', 'shape:c1', -1), 'nothing_to_remove'],
    ]
    await castOk(voteId, 'alice', 'shape:c1')
    await castOk(voteId, 'alice', 'shape:c3')
    refusals.push([await cast(voteId, 'alice', 'shape:c3'), 'no_votes_left'])
    for (const [res, code] of refusals) {
      expect(res.status).toBe(422)
      expect(((await res.json()) as { error: string }).error).toBe(code)
    }
    // Remove one, then others vote (a facilitator may vote; a voter without a side counts as unknown).
    expect(await castOk(voteId, 'alice', 'shape:c1', -1)).toEqual({ voteId, mine: { 'shape:c2': 1, 'shape:c3': 1 }, left: 1 })
    await castOk(voteId, 'bob', 'shape:c3', 1, 'design', tokens.facilitator)
    await castOk(voteId, 'carol', 'shape:c3', 1, null)
    await castOk(voteId, 'carol', 'shape:c1', 1, null)
    // Viewers don't vote, nor read ballots; a bad body is 400; an unknown vote 404.
    expect((await cast(voteId, 'vic', 'shape:c1', 1, null, tokens.view)).status).toBe(403)
    expect((await fetch(mineUrl(voteId, 'alice', tokens.view))).status).toBe(403)
    expect((await post(ballotsUrl(voteId), { voterKey: keyOf('x'), cardId: 'shape:c1', delta: 2 }, tokens.edit)).status).toBe(400)
    expect((await cast('unknownvote', 'alice', 'shape:c1')).status).toBe(404)
    const mine = await fetch(mineUrl(voteId, 'alice', tokens.edit))
    expect(await mine.json()).toEqual({ voteId, mine: { 'shape:c2': 1, 'shape:c3': 1 }, left: 1 })

    // While open, no ballot data anywhere in the doc: not on the server, not in a participant's copy.
    await waitFor(() => readWorkshop(participant.doc).vote?.status === 'open', 'the open vote to reach the participant')
    for (const doc of [liveDoc()!, participant.doc]) {
      const json = JSON.stringify(doc.toJSON())
      for (const secret of ['alice', 'bob', 'carol', 'Name ', 'design', 'mine', 'left']) expect(json).not.toContain(secret)
      expect(readWorkshop(doc).vote).toEqual({ id: voteId, status: 'open', scopeLabel: 'All cards', cardIds: cards, config: { votesPerPerson: 3, onePerCard: true, anonymous: false }, startedAt: srv.clock.now() })
    }

    srv.clock.tick(5000)
    const ended = (await actOk({ type: 'vote.end' })).vote as EndedVote
    expect(ended).toMatchObject({ id: voteId, status: 'ended', endedAt: srv.clock.now() })
    expect(ended.results.map((r) => [r.cardId, r.title, r.total])).toEqual([
      ['shape:c3', 'Third', 3],
      ['shape:c1', 'First', 1],
      ['shape:c2', 'Second', 1],
    ])
    expect(ended.results[0]!.bySide).toEqual({ product: 1, engineering: 0, design: 1, other: 0, unknown: 1 })
    expect(ended.results[0]!.voters).toEqual(['Name alice', 'Name bob', 'Name carol'])
    expect(ended.votersBySide).toEqual({ product: 1, engineering: 0, design: 1, other: 0, unknown: 1 })
    await waitFor(() => readWorkshop(participant.doc).voteHistory.length === 1, 'the results to reach the participant')
    expect(readWorkshop(participant.doc).voteHistory[0]).toEqual(ended)

    // Ended: no more ballots (409), no second end.
    const late = await cast(voteId, 'dave', 'shape:c1')
    expect(late.status).toBe(409)
    expect(((await late.json()) as { error: string }).error).toBe('vote_closed')
    expect((await act({ type: 'vote.end' })).status).toBe(409)

    // [WS7] The brief exports the results, in Markdown and JSON.
    const md = await (await fetch(`${srv.url}/api/boards/${boardId}/brief.md?token=${tokens.view}`)).text()
    expect(md).toContain('## Votes')
    expect(md).toContain('- **1.** Third: 3 votes (product 1, design 1, unknown 1)')
    expect(md).toContain('   - voters: Name alice, Name bob, Name carol')
    const json = (await (await fetch(`${srv.url}/api/boards/${boardId}/brief.json?token=${tokens.view}`)).json()) as { votes?: Array<{ id: string; results: Array<{ cardId: string; total: number }> }> }
    expect(json.votes?.map((v) => [v.id, v.results.map((r) => [r.cardId, r.total])])).toEqual([
      [voteId, [['shape:c3', 3], ['shape:c1', 1], ['shape:c2', 1]]],
    ])
  })

  it('[WS6] only the holder of a voter key reads or takes back its votes; storage keeps a hash, not the key', async () => {
    const voteId = await startVote({ votesPerPerson: 2, onePerCard: false, anonymous: false })
    await castOk(voteId, 'alice', 'shape:c1')
    // Someone else, with an edit link and anything public about Alice, sees none of her votes…
    expect(await (await fetch(mineUrl(voteId, 'mallory', tokens.edit))).json()).toEqual({ voteId, mine: {}, left: 2 })
    // …and cannot take one back.
    const takeBack = await cast(voteId, 'mallory', 'shape:c1', -1)
    expect(takeBack.status).toBe(422)
    expect(((await takeBack.json()) as { error: string }).error).toBe('nothing_to_remove')
    expect(await (await fetch(mineUrl(voteId, 'alice', tokens.edit))).json()).toEqual({ voteId, mine: { 'shape:c1': 1 }, left: 1 })
    // A short key (not a secret) or none is refused.
    const short = await fetch(`${srv.url}${ballotsUrl(voteId)}?voterKey=${'k'.repeat(21)}&token=${tokens.edit}`)
    expect(short.status).toBe(400)
    expect(((await short.json()) as { error: string }).error).toBe('invalid_voter_key')
    expect((await fetch(`${srv.url}${ballotsUrl(voteId)}?token=${tokens.edit}`)).status).toBe(400)
    expect((await post(ballotsUrl(voteId), { name: 'A', cardId: 'shape:c1', delta: 1 }, tokens.edit)).status).toBe(400)
    expect(await srv.storage.voterBallots(boardId, voteId, voterIdOf(keyOf('alice')))).toEqual({ 'shape:c1': 1 })
    expect(await srv.storage.voterBallots(boardId, voteId, keyOf('alice'))).toEqual({})
  })

  it('[WS6] concurrent ballots of one voter cannot over-spend', async () => {
    const voteId = await startVote({ votesPerPerson: 2, onePerCard: false, anonymous: true })
    const all = await Promise.all(Array.from({ length: 8 }, (_, i) => cast(voteId, 'eve', cards[i % 3]!)))
    expect(all.map((r) => r.status).sort()).toEqual([200, 200, 422, 422, 422, 422, 422, 422])
    const mine = (await (await fetch(mineUrl(voteId, 'eve', tokens.edit))).json()) as MyBallots
    expect(mine.left).toBe(0)
    expect(Object.values(mine.mine).reduce((a, b) => a + b, 0)).toBe(2)
  })

  it('[WS5] cancel drops the vote and its ballots', async () => {
    const voteId = await startVote({ votesPerPerson: 2, onePerCard: false, anonymous: true })
    await castOk(voteId, 'alice', 'shape:c1')
    const state = await actOk({ type: 'vote.cancel' })
    expect(state.vote).toBeNull()
    expect(state.voteHistory).toEqual([])
    expect((await cast(voteId, 'alice', 'shape:c1')).status).toBe(409)
    expect((await act({ type: 'vote.cancel' })).status).toBe(409)
  })

  it('[WS6] ballots survive a server restart while the vote is open', async () => {
    const voteId = await startVote({ votesPerPerson: 2, onePerCard: false, anonymous: true })
    await castOk(voteId, 'alice', 'shape:c1')
    await castOk(voteId, 'alice', 'shape:c1')
    await castOk(voteId, 'bob', 'shape:c2', 1, 'design')
    await srv.stop()
    srv = await startTestServer({ dataDir: srv.dataDir })
    const mine = await fetch(mineUrl(voteId, 'alice', tokens.edit))
    expect(await mine.json()).toEqual({ voteId, mine: { 'shape:c1': 2 }, left: 0 })
    expect((await cast(voteId, 'alice', 'shape:c2')).status).toBe(422)
    const ended = (await actOk({ type: 'vote.end' })).vote as EndedVote
    expect(ended.results.map((r) => [r.cardId, r.total, r.voters])).toEqual([
      ['shape:c1', 2, undefined],
      ['shape:c2', 1, undefined],
      ['shape:c3', 0, undefined],
    ])
    expect(ended.votersBySide).toMatchObject({ product: 1, design: 1 })
  })
})

describe('[WS10] awareness role claims', () => {
  it('[WS10] an awareness state claiming another role is not relayed; a true claim and plain states are', async () => {
    const observer = client('view')
    await observer.synced()
    const raw = rawSocket(`${srv.wsOrigin}/sync/${boardId}?token=${tokens.edit}`)
    await raw.opened
    raw.ws.send(encodeSyncStep1(new Y.Doc()))
    const liar = new awarenessProtocol.Awareness(new Y.Doc())
    liar.setLocalState({ overlap: { role: 'facilitator', userId: 'u1', summon: { id: 's' }, presenting: null, reaction: null, away: false } })
    const honest = new awarenessProtocol.Awareness(new Y.Doc())
    honest.setLocalState({ overlap: { role: 'edit', userId: 'u2', summon: null, presenting: null, reaction: null, away: false } })
    const plain = new awarenessProtocol.Awareness(new Y.Doc())
    plain.setLocalState({ user: { name: 'Unmodified' } })
    raw.ws.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(liar, [liar.clientID])))
    raw.ws.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(honest, [honest.clientID])))
    raw.ws.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(plain, [plain.clientID])))
    // Frames of one socket are handled in order: once the last is relayed, the first was handled.
    await waitFor(() => observer.provider.awareness.getStates().has(plain.clientID), 'the plain state')
    expect(observer.provider.awareness.getStates().has(honest.clientID)).toBe(true)
    expect(observer.provider.awareness.getStates().has(liar.clientID)).toBe(false)
    expect(warnings.filter((w) => String(w.msg).startsWith('awareness with a false role claim dropped'))).toEqual([
      expect.objectContaining({ role: 'edit', detail: expect.stringContaining('"facilitator"') }),
    ])
    expect(srv.overlap.rooms.loadedDoc(boardId)).not.toBeNull()
    expect(raw.ws.readyState).toBe(raw.ws.OPEN)
    for (const a of [liar, honest, plain]) a.destroy()
    raw.ws.close()
  })
})
