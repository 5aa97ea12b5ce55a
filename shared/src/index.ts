export * from './closeCodes.js'
export * from './boardId.js'
export * from './protocol.js'
export * from './binding/index.js'
