/**
 * Preloaded into a server child process (`node --expose-gc --import …/memProbe.js server.js`) so the
 * benchmark can ask it, over the fork IPC channel, for its memory after a full GC. The server code
 * itself is untouched; this only answers `{ type: 'memory' }` messages.
 */
interface MemoryReply {
  type: 'memory'
  rss: number
  heapUsed: number
  heapTotal: number
  external: number
  arrayBuffers: number
}

const gc = (globalThis as { gc?: () => void }).gc

if (process.send) {
  process.on('message', (msg: unknown) => {
    if (typeof msg !== 'object' || msg === null || (msg as { type?: unknown }).type !== 'memory') return
    // Two passes: the first can leave weakly-held objects for the second.
    gc?.()
    gc?.()
    const m = process.memoryUsage()
    const reply: MemoryReply = { type: 'memory', ...m }
    process.send?.(reply)
  })
  // The IPC channel must not keep the process alive on its own.
  process.channel?.unref()
}
