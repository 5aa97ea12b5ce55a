export * from './bindStoreToDoc.js'
export * from './docRecords.js'
export * from './schemaCheck.js'
export * from './migrateDoc.js'
export {
  RECORDS_MAP,
  BOARD_MAP,
  SCHEMA_KEY,
  XY_KEY,
  getRecordsMap,
  getBoardMap,
  readRecord,
  typeNameFromId,
} from './docLayout.js'
export * from './headlessStore.js'
export { makeGeoShape, makeFrameShape, makeArrowShape, makeArrowBinding, FIRST_PAGE_ID } from './testing.js'
export { measureBoard, type BoardMeasurement } from './measure.js'
