import { describe, expect, it } from 'vitest'
// @ts-expect-error ws exports its frame parser, Receiver, but its type declarations do not name it
import { Receiver } from 'ws'
import { MAX_PREFRAMED_BYTES, createFrameCache, encodeBinaryFrame } from './binaryFrame.js'

/** Reads frames as a client does, with ws's own parser: what an unmodified y-websocket client gets. */
function readFrames(bytes: Buffer): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const got: Buffer[] = []
    const receiver = new Receiver({ isServer: false, binaryType: 'nodebuffer' })
    receiver.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) reject(new Error('text frame'))
      got.push(data)
    })
    receiver.on('error', reject)
    receiver.write(bytes, () => resolve(got))
  })
}

const payload = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff))

describe('encodeBinaryFrame', () => {
  // Each length form of RFC 6455 §5.2 at its edges: 7-bit, 16-bit and 64-bit lengths.
  it.each([0, 1, 125, 126, 127, 65535, 65536, 70000])('frames a %i-byte message that ws reads back whole', async (n) => {
    const body = payload(n)
    const frames = await readFrames(Buffer.concat([encodeBinaryFrame(body), encodeBinaryFrame(payload(3))]))
    expect(frames).toHaveLength(2)
    expect(frames[0]!.equals(body)).toBe(true)
    expect([...frames[1]!]).toEqual([...payload(3)])
  })
})

describe('createFrameCache', () => {
  it('frames one payload once and gives every socket the same bytes', () => {
    const frameOf = createFrameCache()
    const update = new Uint8Array([0, 2, 5, 1, 2, 3, 4, 5])
    const first = frameOf(update)
    expect(first).not.toBeNull()
    expect(frameOf(update)).toBe(first)
    // An equal but distinct payload is another message: framed on its own.
    expect(frameOf(new Uint8Array(update))).not.toBe(first)
  })

  it("keeps only the last frame (an open board's cached first sync must not hold a framed copy)", () => {
    const frameOf = createFrameCache()
    const a = new Uint8Array([1, 2, 3])
    const first = frameOf(a)
    frameOf(new Uint8Array([4]))
    const again = frameOf(a)
    expect(again).not.toBe(first)
    expect(again!.equals(first!)).toBe(true)
  })

  it('leaves payloads over the limit to ws (no copy of a big first sync)', () => {
    const frameOf = createFrameCache()
    expect(frameOf(new Uint8Array(MAX_PREFRAMED_BYTES))).not.toBeNull()
    expect(frameOf(new Uint8Array(MAX_PREFRAMED_BYTES + 1))).toBeNull()
  })
})
