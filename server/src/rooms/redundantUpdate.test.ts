import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { isRedundantUpdate } from './redundantUpdate.js'

function pair() {
  const server = new Y.Doc()
  const client = new Y.Doc()
  const updates: Uint8Array[] = []
  client.on('update', (u: Uint8Array) => {
    updates.push(u)
    Y.applyUpdate(server, u)
  })
  return { server, client, updates }
}

describe('isRedundantUpdate', () => {
  it('[S5] an update the doc already has is redundant', () => {
    const { server, client, updates } = pair()
    client.getMap('m').set('a', 1)
    expect(isRedundantUpdate(server, updates[0]!)).toBe(true)
  })

  it('[S5] a reconnecting client’s step 2 carrying only known deletions is redundant', () => {
    const { server, client } = pair()
    const arr = client.getArray<number>('a')
    arr.push([1, 2, 3, 4, 5])
    arr.delete(1, 3)
    client.getMap('m').set('k', 'v')
    client.getMap('m').set('k', 'w')
    const step2 = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server))
    expect(Y.decodeUpdate(step2).ds.clients.size).toBeGreaterThan(0)
    expect(isRedundantUpdate(server, step2)).toBe(true)
  })

  it('[S5] new content or a new deletion is not redundant', () => {
    const { server, client } = pair()
    const arr = client.getArray<number>('a')
    arr.push([1, 2, 3])
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(client))
    const fresh: Uint8Array[] = []
    other.on('update', (u: Uint8Array) => fresh.push(u))
    other.getArray<number>('a').delete(0, 1)
    expect(isRedundantUpdate(server, fresh[0]!)).toBe(false)
    other.getMap('m').set('x', 1)
    expect(isRedundantUpdate(server, fresh[1]!)).toBe(false)
    // A deletion of an item the server has never seen is not redundant either.
    const stranger = new Y.Doc()
    stranger.getArray('a').push([9])
    const known = Y.encodeStateAsUpdate(stranger)
    stranger.getArray('a').delete(0, 1)
    const withDelete = Y.encodeStateAsUpdate(stranger, Y.encodeStateVectorFromUpdate(known))
    expect(isRedundantUpdate(server, withDelete)).toBe(false)
  })
})
