/**
 * The server's storage modules, for the storage-layer benchmark. `@overlap/server` exports only its
 * entry, so these come from its build output; the benchmark runs after `tsc -b`, which builds it.
 */
export { createSqliteStorage } from '../../../server/dist/storage/SqliteStorage.js'
export { createCommitQueue, DEFAULT_COMPACTION } from '../../../server/dist/storage/commitQueue.js'
export type { BoardStorage } from '../../../server/dist/storage/BoardStorage.js'
export { silentLogger } from '../../../server/dist/log.js'
export { checkWorkshopWrite } from '../../../server/dist/workshop/writeGuard.js'
export { buildWorkshopUpdate } from '../../../server/dist/workshop/workshopUpdate.js'
export { isRedundantUpdate } from '../../../server/dist/rooms/redundantUpdate.js'
