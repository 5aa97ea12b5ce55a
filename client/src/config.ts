/**
 * Run-time configuration written by the server as `/config.js` (see docs/ARCHITECTURE.md).
 * Read once at start-up and parsed defensively: in `vite` dev without a server the script 404s and
 * the global is simply missing, which must not break the app.
 */
export interface OverlapConfig {
  /** tldraw licence key; empty means "none" (tldraw shows a watermark on localhost). */
  tldrawLicenseKey: string | undefined
  /** Public origin for share links; falls back to the page's own origin. */
  publicUrl: string
  /** Largest image the server accepts, in bytes. */
  maxUploadBytes: number
}

declare global {
  interface Window {
    __OVERLAP_CONFIG__?: unknown
  }
}

/** Matches the server's default, used only when the config script is missing. */
const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024

export function parseConfig(raw: unknown, fallbackOrigin: string): OverlapConfig {
  const obj = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {}
  const key = typeof obj.tldrawLicenseKey === 'string' && obj.tldrawLicenseKey.trim() !== '' ? obj.tldrawLicenseKey.trim() : undefined
  const publicUrl =
    typeof obj.publicUrl === 'string' && /^https?:\/\//.test(obj.publicUrl) ? obj.publicUrl.replace(/\/+$/, '') : fallbackOrigin
  const maxUploadBytes =
    typeof obj.maxUploadBytes === 'number' && Number.isFinite(obj.maxUploadBytes) && obj.maxUploadBytes > 0
      ? obj.maxUploadBytes
      : DEFAULT_MAX_UPLOAD_BYTES
  return { tldrawLicenseKey: key, publicUrl, maxUploadBytes }
}

let cached: OverlapConfig | null = null

export function getConfig(): OverlapConfig {
  cached ??= parseConfig(window.__OVERLAP_CONFIG__, window.location.origin)
  return cached
}

export function boardUrl(boardId: string): string {
  return `${getConfig().publicUrl}/b/${encodeURIComponent(boardId)}`
}
