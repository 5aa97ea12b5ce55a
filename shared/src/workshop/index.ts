export * from './state.js'
export * from './actions.js'
export * from './ballots.js'
export * from './awareness.js'
