export * from './bindStoreToDoc.js'
export * from './docRecords.js'
export * from './schemaCheck.js'
export * from './migrateDoc.js'
export * from './migrateSnapshot.js'
export { LAYOUT_SEQUENCE, LAYOUT_VERSION, checkBoardSchema } from './docSchema.js'
export {
  RECORDS_MAP,
  BOARD_MAP,
  SCHEMA_KEY,
  XY_KEY,
  CREATION_KEY,
  getRecordsMap,
  getBoardMap,
  getBaseline,
  readRecord,
  typeNameFromId,
  type Baseline,
} from './docLayout.js'
export { BASELINE_KEY, defaultBaselineTable, type BaselineTable } from './baseline.js'
export * from './headlessStore.js'
export { makeGeoShape, makeFrameShape, makeArrowShape, makeArrowBinding, FIRST_PAGE_ID } from './testing.js'
export { measureBoard, type BoardMeasurement } from './measure.js'
