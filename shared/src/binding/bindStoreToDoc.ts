/**
 * The binding between a tldraw store and a Y.Doc (rules [B1]–[B15] in shared/SPEC.md).
 *
 * Local → doc: a `store.listen` on 'user' changes of document scope; one listener call (one store
 * history batch: synchronous under NODE_ENV=test, once per animation frame in a browser) becomes one
 * Yjs transaction with `binding.origin`, writing only the fields that changed.
 * Doc → local: `observeDeep` on the records map; every transaction not made by this binding (remote
 * peers AND our own Y.UndoManager) is applied with `store.mergeRemoteChanges`, so it is tagged 'remote'
 * and never echoed. The ids touched are re-read from the doc as a whole, validated one by one.
 */
import * as Y from 'yjs'
import type { RecordsDiff, SerializedSchema } from '@tldraw/store'
import type { TLRecord, TLStore } from '@tldraw/tlschema'
import {
  deepEqual,
  getBaseline,
  getBoardMap,
  getRecordsMap,
  missingEntries,
  patchRecordMap,
  readRecord,
  seedBaselineIfEmpty,
  typeNameFromId,
  type Baseline,
  type JsonRecord,
} from './docLayout.js'
import { BASELINE_KEY } from './baseline.js'
import { putRecord, readDocSchema, readStoredSchema, writeDocSchema } from './docRecords.js'
import { checkBoardSchema } from './docSchema.js'
import { migrateDoc } from './migrateDoc.js'
import { releaseIntermediateItems } from './releaseIntermediateItems.js'
import { recordIdsOfStep, recordsOthersChanged } from './stepRecords.js'
import { createRemovedRecordCache } from './restoreRepair.js'
import { repairParents } from './parentRepair.js'
import { installYjsPatches } from '../yjsPatches.js'

export type ReadonlyReason = 'newer-schema'

/** Compatible with the server's Logger (and `console`). */
export interface BindingLog {
  warn(msg: string, fields?: Record<string, unknown>): void
  info?(msg: string, fields?: Record<string, unknown>): void
}

export interface InvalidRecord {
  id: string
  reason: 'out-of-scope' | 'invalid' | 'rejected-by-store'
  error?: unknown
  record?: unknown
}

export interface BindStoreToDocOptions {
  store: TLStore
  doc: Y.Doc
  log?: BindingLog
  /** Called for every incoming record that is skipped (never throws into Yjs). */
  onInvalidRecord?: (invalid: InvalidRecord) => void
  /** Y.UndoManager capture window; edits closer than this merge into one undo step. Default 500. */
  captureTimeoutMs?: number
}

export interface TldrawYjsBinding {
  readonly undoManager: Y.UndoManager
  /** Origin of this binding's local transactions (the only origin its undo manager tracks). */
  readonly origin: object
  getReadonlyReason(): ReadonlyReason | null
  onReadonlyChange(cb: (reason: ReadonlyReason | null) => void): () => void
  /**
   * Undoes my last step. `allow` sees the ids of the records it would change first ([B16]); if it
   * answers false the step is dropped from the stack unapplied ('refused'), so the next undo reaches
   * the step before it.
   */
  undo(allow?: StepFilter): StepResult
  redo(allow?: StepFilter): StepResult
  /** [B18] What the last refused step would have removed of other people's work (empty otherwise). */
  lastRefusedForOthers(): readonly string[]
  canUndo(): boolean
  canRedo(): boolean
  /** Ends the current undo step: the next local change starts a new one. */
  stopCapturing(): void
  /** Writes local store changes still waiting for the next frame (browser batching) into the doc now. */
  flush(): void
  dispose(): void
}

export type StepFilter = (recordIds: ReadonlySet<string>) => boolean
export type StepResult = 'done' | 'refused' | 'nothing'

export function bindStoreToDoc({
  store,
  doc,
  log,
  onInvalidRecord,
  captureTimeoutMs = 500,
}: BindStoreToDocOptions): TldrawYjsBinding {
  installYjsPatches()
  const schema = store.schema
  const records = getRecordsMap(doc)
  const board = getBoardMap(doc)
  const origin = { overlapBinding: 'local' }
  /** Our own writes that are not user edits (seeding, migration): neither applied back nor undoable. */
  const systemOrigin = { overlapBinding: 'system' }
  let readonlyReason: ReadonlyReason | null = null
  const readonlyListeners = new Set<(reason: ReadonlyReason | null) => void>()
  let disposed = false

  const isDocumentType = (typeName: string | null): boolean =>
    typeName !== null && Object.prototype.hasOwnProperty.call(schema.types, typeName) &&
    (schema.types as Record<string, { scope: string }>)[typeName].scope === 'document'

  const setReadonly = (reason: ReadonlyReason | null) => {
    if (reason === readonlyReason) return
    readonlyReason = reason
    if (reason) log?.warn('board is read-only', { reason, docSchema: readDocSchema(doc) })
    for (const cb of [...readonlyListeners]) cb(reason)
  }

  const report = (invalid: InvalidRecord) => {
    log?.warn('skipped incoming record', {
      id: invalid.id,
      reason: invalid.reason,
      error: invalid.error instanceof Error ? invalid.error.message : invalid.error,
    })
    try {
      onInvalidRecord?.(invalid)
    } catch (error) {
      log?.warn('onInvalidRecord threw', { error: String(error) })
    }
  }

  const removedRecords = createRemovedRecordCache()

  // ---- local store → doc -------------------------------------------------------------------------
  const writeLocalChanges = (changes: RecordsDiff<TLRecord>) => {
    if (disposed) return
    if (readonlyReason) {
      log?.warn('local change not synced: board is read-only', { reason: readonlyReason })
      return
    }
    doc.transact(() => {
      if (readDocSchema(doc) === undefined) seedBaselineIfEmpty(doc)
      const baseline = getBaseline(doc)
      for (const record of Object.values(changes.added)) {
        if (isDocumentType(record.typeName)) putRecord(records, record as unknown as JsonRecord, baseline)
      }
      for (const [prev, next] of Object.values(changes.updated)) {
        if (!isDocumentType(next.typeName)) continue
        const ymap = records.get(next.id)
        // Absent: deleted by a peer meanwhile — the delete wins over this edit.
        if (ymap instanceof Y.Map) {
          patchRecordMap(ymap, prev as unknown as JsonRecord, next as unknown as JsonRecord, baseline)
        }
      }
      for (const record of Object.values(changes.removed)) {
        if (!isDocumentType(record.typeName)) continue
        removedRecords.remember(record as unknown as JsonRecord)
        if (records.has(record.id)) records.delete(record.id)
      }
      if (readDocSchema(doc) === undefined) writeDocSchema(doc, schema.serialize())
    }, origin)
  }

  // Registered before the initial load so that ensureStoreIsUsable's 'user' fix-ups reach the doc.
  const unlisten = store.listen(({ changes }) => writeLocalChanges(changes), { source: 'user', scope: 'document' })
  /** Delivers local changes still queued for the next animation frame. */
  const flushLocal = () => store._flushHistory()

  // ---- doc → local store -------------------------------------------------------------------------
  /** id → whether the change came from our own undo manager (only those may need a repair). */
  const pendingIds = new Map<string, boolean>()
  let microtaskQueued = false

  const applyPending = () => {
    if (disposed || pendingIds.size === 0) return
    // mergeRemoteChanges throws inside an atomic operation (a store side effect): try again later.
    if ((store as unknown as { _isInAtomicOp?: boolean })._isInAtomicOp) {
      if (!microtaskQueued) {
        microtaskQueued = true
        queueMicrotask(() => {
          microtaskQueued = false
          applyPending()
        })
      }
      return
    }
    // Local edits batched for the next frame were made on the store as it is now: write them first,
    // so that a remote delete is not undone by a later local write of a stale diff.
    flushLocal()
    const ids = [...pendingIds]
    pendingIds.clear()
    applyIdsToStore(ids)
  }

  /** Shapes shown on a page other than the doc says ([B19]): re-read with every batch, in case it is fixed. */
  let detached = new Set<string>()

  const applyIdsToStore = (batchIds: Iterable<[string, boolean]>) => {
    let ids = batchIds
    if (detached.size > 0) {
      const all = new Map(batchIds)
      for (const id of detached) if (!all.has(id)) all.set(id, false)
      ids = all
    }
    const puts: TLRecord[] = []
    const removes: TLRecord['id'][] = []
    const baseline = getBaseline(doc)
    for (const [id, fromUndo] of ids) {
      const typeName = typeNameFromId(id)
      const ymap = records.get(id)
      if (!isDocumentType(typeName)) {
        if (ymap !== undefined) report({ id, reason: 'out-of-scope' })
        continue
      }
      const current = store.get(id as TLRecord['id'])
      if (ymap === undefined) {
        if (current) {
          if (fromUndo) removedRecords.remember(current as unknown as JsonRecord)
          removes.push(current.id)
        }
        continue
      }
      const raw = readRecord(id, ymap, baseline)
      if (!raw) {
        report({ id, reason: 'invalid', error: new Error('not a record map'), record: ymap })
        continue
      }
      if (fromUndo && ymap instanceof Y.Map) {
        let record = validate(typeName!, raw)
        // A record an undo/redo re-created may lack fields; with a baseline a lacking field often reads
        // as a valid default, so re-created records are checked even when they validate.
        const known = record instanceof Error
          ? removedRecords.get(id) ?? (current as JsonRecord | undefined)
          : current ? undefined : removedRecords.get(id)
        if (known) record = repairRestored(ymap, raw, known, baseline) ?? record
        if (record instanceof Error) {
          report({ id, reason: 'invalid', error: record, record: raw })
          continue
        }
        if (current && deepEqual(current, record)) continue
        puts.push(record)
        continue
      }
      if (current && deepEqual(current, raw)) continue
      // Validated by store.put below (validating here too cost a quarter of a big board's load).
      puts.push(raw as unknown as TLRecord)
    }
    if (puts.length === 0 && removes.length === 0) return
    const removing = new Set<string>(removes)
    const repairs = repairParents({ puts, removes: removing, get: (id) => store.get(id as TLRecord['id']), all: () => store.allRecords() })
    // Every id detached so far was read again above: it is still detached only if repaired again.
    detached = new Set(repairs.map((r) => r.id))
    if (repairs.length > 0) {
      const byId = new Map(repairs.map((r) => [r.id as string, r]))
      for (let i = 0; i < puts.length; i++) {
        const r = byId.get(puts[i]!.id)
        if (r) {
          puts[i] = r
          byId.delete(r.id)
        }
      }
      puts.push(...byId.values())
      log?.warn('shapes whose parents do not reach a page are shown on the first page', { ids: repairs.map((r) => r.id) })
    }
    try {
      store.mergeRemoteChanges(() => {
        if (removes.length) store.remove(removes)
        if (puts.length) store.put(puts)
      })
    } catch (batchError) {
      // The store rolled the whole batch back. One bad record must not block the others (trap 4):
      // validate each, apply the valid ones together, and only if the store still refuses, one by one.
      log?.warn('remote batch rejected by the store; checking records one by one', { error: String(batchError) })
      const valid: TLRecord[] = []
      for (const record of puts) {
        const checked = validate(record.typeName, record)
        if (checked instanceof Error) report({ id: record.id, reason: 'invalid', error: checked, record })
        else valid.push(checked)
      }
      try {
        store.mergeRemoteChanges(() => {
          if (removes.length) store.remove(removes)
          if (valid.length) store.put(valid)
        })
      } catch {
        for (const id of removes) tryMerge(id, () => store.remove([id]))
        for (const record of valid) tryMerge(record.id, () => store.put([record]), record)
      }
    }
  }

  const validate = (typeName: string, raw: unknown): TLRecord | Error => {
    try {
      return (schema.types as Record<string, { validate(r: unknown): TLRecord }>)[typeName].validate(raw)
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error))
    }
  }

  /** Fills the fields an undo/redo failed to restore (see restoreRepair.ts); null if that is not enough. */
  const repairRestored = (ymap: Y.Map<unknown>, raw: JsonRecord, known: JsonRecord, baseline: Baseline): TLRecord | null => {
    const missing = missingEntries(ymap, known, baseline)
    if (missing.size === 0) return null
    const completed = readRecord(raw.id, new Map([...ymap.entries(), ...missing]), baseline)
    const valid = validate(raw.typeName, completed)
    if (valid instanceof Error) return null
    doc.transact(() => {
      for (const [key, value] of missing) ymap.set(key, value)
    }, systemOrigin)
    log?.info?.('completed a record restored in part by undo/redo', { id: raw.id, filled: missing.size })
    return valid
  }

  const tryMerge = (id: string, fn: () => void, record?: unknown) => {
    try {
      store.mergeRemoteChanges(fn)
    } catch (error) {
      report({ id, reason: 'rejected-by-store', error, record })
    }
  }

  const markPending = (id: string, fromUndo: boolean) => pendingIds.set(id, fromUndo || pendingIds.get(id) === true)

  const onRecordsChange = (events: Array<Y.YEvent<any>>, transaction: Y.Transaction) => {
    if (disposed || transaction.origin === origin || transaction.origin === systemOrigin) return
    const fromUndo = transaction.origin === undoManager
    for (const event of events) {
      if (event.target === records) {
        for (const key of (event as Y.YMapEvent<unknown>).keysChanged) markPending(key, fromUndo)
      } else if (typeof event.path[0] === 'string') {
        markPending(event.path[0], fromUndo)
      }
    }
    applyPending()
  }

  const checkSchemaNow = () => {
    if (records.size === 0 && readDocSchema(doc) === undefined) return
    const verdict = checkBoardSchema(readStoredSchema(doc), schema)
    if (verdict === 'newer') setReadonly('newer-schema')
    else if (verdict === 'same') setReadonly(null)
  }

  const onBoardChange = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
    if (disposed || transaction.origin === origin || transaction.origin === systemOrigin) return
    checkSchemaNow()
    // A baseline arriving (or a migration narrowing it) changes how every record reads.
    if (event.keysChanged.has(BASELINE_KEY)) {
      for (const id of records.keys()) markPending(id, false)
      for (const record of store.allRecords()) if (isDocumentType(record.typeName)) markPending(record.id, false)
      // When the same transaction added records (a first sync), the records observer runs after this
      // one and applies everything once.
      if (!transaction.changed.has(records as unknown as Y.AbstractType<Y.YEvent<any>>)) applyPending()
    }
  }

  // ---- initial load ------------------------------------------------------------------------------
  if (records.size === 0) {
    const stored = readStoredSchema(doc)
    if (stored !== undefined && checkBoardSchema(stored, schema) === 'newer') {
      setReadonly('newer-schema')
    } else {
      const local = store.allRecords().filter((r) => isDocumentType(r.typeName))
      if (local.length > 0) {
        // A brand-new board made locally: the doc starts from our records.
        doc.transact(() => {
          if (stored === undefined) seedBaselineIfEmpty(doc)
          const baseline = getBaseline(doc)
          for (const record of local) putRecord(records, record as unknown as JsonRecord, baseline)
          writeDocSchema(doc, schema.serialize())
        }, systemOrigin)
      }
    }
  } else {
    const verdict = checkBoardSchema(readStoredSchema(doc), schema)
    if (verdict === 'newer') {
      setReadonly('newer-schema')
    } else if (verdict === 'older') {
      const result = migrateDoc(doc, schema, readDocSchema(doc) as SerializedSchema, systemOrigin)
      if (result.ok) log?.info?.('migrated board to the current schema', { written: result.written })
      else {
        log?.warn('could not migrate board; read-only', { reason: result.reason })
        setReadonly('newer-schema')
      }
    }
    const ids = new Map<string, boolean>([...records.keys()].map((id) => [id, false]))
    for (const record of store.allRecords()) if (isDocumentType(record.typeName)) ids.set(record.id, false)
    flushLocal()
    applyIdsToStore(ids)
  }

  records.observeDeep(onRecordsChange)
  board.observe(onBoardChange)
  const undoManager = new Y.UndoManager(records, {
    trackedOrigins: new Set([origin]),
    captureTimeout: captureTimeoutMs,
  })
  const stopReleasing = releaseIntermediateItems(doc, undoManager)

  let refusedForOthers: string[] = []
  const step = (kind: 'undo' | 'redo', allow: StepFilter | undefined): StepResult => {
    refusedForOthers = []
    if (readonlyReason || disposed) return 'nothing'
    flushLocal()
    const stack = kind === 'undo' ? undoManager.undoStack : undoManager.redoStack
    const dropped = (item: (typeof stack)[number]) =>
      undoManager.emit('stack-item-popped', [{ stackItem: item, type: kind, changedParentTypes: new Map(), origin: undoManager }, undoManager])
    for (;;) {
      const top = stack[stack.length - 1]
      if (!top) return 'nothing'
      // [B18] A step that would remove records someone else has changed since is refused too:
      // undoing my insertion of a template must not delete the card text a colleague typed into it.
      refusedForOthers = recordsOthersChanged(doc, top)
      if (refusedForOthers.length > 0 || (allow && !allow(recordIdsOfStep(doc, top)))) {
        stack.pop()
        dropped(top)
        return 'refused'
      }
      // Y.UndoManager applies the step below in the same call when this one changes nothing any
      // more (someone else overwrote what it wrote: I retype a card, a colleague retypes it after
      // me), and that step goes unchecked: my Ctrl+Z deleted the card I had created, with the
      // colleague's text. So it gets this step alone; one that changed nothing is dropped, and the
      // next is checked like this one.
      const below = stack.splice(0, stack.length - 1)
      let applied: unknown
      try {
        applied = kind === 'undo' ? undoManager.undo() : undoManager.redo()
      } finally {
        stack.unshift(...below)
      }
      if (applied !== null) return 'done'
      dropped(top)
    }
  }

  return {
    undoManager,
    origin,
    getReadonlyReason: () => readonlyReason,
    onReadonlyChange(cb) {
      readonlyListeners.add(cb)
      return () => readonlyListeners.delete(cb)
    },
    undo: (allow) => step('undo', allow),
    redo: (allow) => step('redo', allow),
    lastRefusedForOthers: () => refusedForOthers,
    canUndo: () => !readonlyReason && undoManager.canUndo(),
    canRedo: () => !readonlyReason && undoManager.canRedo(),
    stopCapturing: () => undoManager.stopCapturing(),
    flush: flushLocal,
    dispose() {
      if (disposed) return
      flushLocal()
      disposed = true
      unlisten()
      records.unobserveDeep(onRecordsChange)
      board.unobserve(onBoardChange)
      stopReleasing()
      undoManager.destroy()
      readonlyListeners.clear()
    },
  }
}
