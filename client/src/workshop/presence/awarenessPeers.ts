/**
 * Every awareness state (this tab's included), read into PeerStates, as a signal. Refreshed on the
 * awareness `'change'` event — not `'update'`, which also fires for the 15 s keep-alive renewals.
 */
import { atom, type Signal } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import { readPeerStates, type PeerState } from './peerState'

export interface AwarenessPeers {
  readonly $peers: Signal<readonly PeerState[]>
  dispose(): void
}

export function createAwarenessPeers(awareness: Awareness): AwarenessPeers {
  const $peers = atom<readonly PeerState[]>('awareness peers', readPeerStates(awareness.getStates()))
  const onChange = () => $peers.set(readPeerStates(awareness.getStates()))
  awareness.on('change', onChange)
  return {
    $peers,
    dispose: () => awareness.off('change', onChange),
  }
}
