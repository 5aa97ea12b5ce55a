export * from './summary.js'
export * from './tldrFile.js'
export * from './diffBoards.js'
