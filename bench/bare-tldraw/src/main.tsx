/**
 * The baseline for the paint benchmark: a bare tldraw 5.4.2 page with locally served assets, loading
 * a board snapshot (`/snapshot.json`, served by the benchmark) — no sync, no app code.
 */
import { createRoot } from 'react-dom/client'
import { Tldraw, type TLStoreSnapshot } from 'tldraw'
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import 'tldraw/tldraw.css'

const assetUrls = getAssetUrlsByImport()

async function main() {
  const res = await fetch('/snapshot.json')
  const snapshot = (await res.json()) as TLStoreSnapshot
  createRoot(document.getElementById('root')!).render(
    <div style={{ position: 'fixed', inset: 0 }}>
      <Tldraw snapshot={snapshot} assetUrls={assetUrls} />
    </div>
  )
}

void main()
