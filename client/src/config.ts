/**
 * Run-time configuration written by the server as `/config.js` (see docs/ARCHITECTURE.md).
 * Read once at start-up and parsed defensively: in `vite` dev without a server the script 404s and
 * the global is simply missing, which must not break the app.
 */
import { DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_UPLOAD_BYTES } from '@overlap/shared'

export interface OverlapConfig {
  /** tldraw licence key; empty means "none" (tldraw shows a watermark on localhost). */
  tldrawLicenseKey: string | undefined
  /** Public origin for share links; falls back to the page's own origin. */
  publicUrl: string
  /** Largest image the server accepts, in bytes. */
  maxUploadBytes: number
  /** Largest socket message the server accepts (`MAX_MESSAGE_BYTES`): one change must fit in it. */
  maxMessageBytes: number
}

declare global {
  interface Window {
    __OVERLAP_CONFIG__?: unknown
  }
}

const positive = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback)

export function parseConfig(raw: unknown, fallbackOrigin: string): OverlapConfig {
  const obj = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {}
  const key = typeof obj.tldrawLicenseKey === 'string' && obj.tldrawLicenseKey.trim() !== '' ? obj.tldrawLicenseKey.trim() : undefined
  const publicUrl =
    typeof obj.publicUrl === 'string' && /^https?:\/\//.test(obj.publicUrl) ? obj.publicUrl.replace(/\/+$/, '') : fallbackOrigin
  // The server's defaults stand in when the config script is missing (vite dev without a server).
  return {
    tldrawLicenseKey: key,
    publicUrl,
    maxUploadBytes: positive(obj.maxUploadBytes, DEFAULT_MAX_UPLOAD_BYTES),
    maxMessageBytes: positive(obj.maxMessageBytes, DEFAULT_MAX_MESSAGE_BYTES),
  }
}

let cached: OverlapConfig | null = null

export function getConfig(): OverlapConfig {
  cached ??= parseConfig(window.__OVERLAP_CONFIG__, window.location.origin)
  return cached
}

export function boardUrl(boardId: string): string {
  return `${getConfig().publicUrl}/b/${encodeURIComponent(boardId)}`
}
