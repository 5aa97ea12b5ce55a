/**
 * A binary message as the bytes of one whole WebSocket frame (RFC 6455 §5.2, server to client:
 * FIN, opcode 2 "binary", no mask), built once per message and written as is to every socket a
 * relay goes to.
 *
 * Why: `ws.send` frames a message again for each socket (a new header buffer, then a cork and a
 * two-buffer writev, Node's corked-stream path). In a 50-reader fan-out that framing was about a
 * sixth of the server's CPU beside the write syscalls themselves; one prebuilt frame and one plain
 * `write` per socket cut the server's CPU per update by about 10 % (bench/README.md, "fan-out").
 */

/**
 * Bigger messages go through `ws.send`: prebuilding copies the payload (ws writes the header and
 * the payload separately), and a big frame (a big board's first sync) would then be held twice.
 */
export const MAX_PREFRAMED_BYTES = 64 * 1024

/** The whole frame for `payload` (any length; the cache below only asks for small ones). */
export function encodeBinaryFrame(payload: Uint8Array): Buffer {
  const n = payload.byteLength
  const head = n < 126 ? 2 : n < 0x10000 ? 4 : 10
  const frame = Buffer.allocUnsafe(head + n)
  frame[0] = 0x82 // FIN + binary
  if (n < 126) frame[1] = n
  else if (n < 0x10000) {
    frame[1] = 126
    frame.writeUInt16BE(n, 2)
  } else {
    frame[1] = 127
    frame.writeBigUInt64BE(BigInt(n), 2)
  }
  frame.set(payload, head)
  return frame
}

/**
 * The frame for a payload, built once for consecutive sends of that same payload: a relay sends one
 * `Uint8Array` to every reader in a row. One slot, not a map of every payload still alive: a board's
 * cached first-sync payload lives as long as the board is open, and a framed copy of it would add
 * about 3 KiB to every idle open board (memory benchmark). Answers null over MAX_PREFRAMED_BYTES.
 */
export function createFrameCache(): (payload: Uint8Array) => Buffer | null {
  let lastPayload: Uint8Array | null = null
  let lastFrame: Buffer | null = null
  return (payload) => {
    if (payload.byteLength > MAX_PREFRAMED_BYTES) return null
    if (payload !== lastPayload || !lastFrame) {
      lastPayload = payload
      lastFrame = encodeBinaryFrame(payload)
    }
    return lastFrame
  }
}
