export * from './closeCodes.js'
export * from './boardId.js'
