/**
 * Images go to the server, never into the document as base64 (trap 6: inline images make boards
 * of many megabytes that stop loading). `upload` POSTs the raw file to
 * `/api/boards/:id/assets` and the record stores only the returned URL.
 */
import { ALLOWED_ASSET_CONTENT_TYPES, parseAssetContentType } from '@overlap/shared'
import type { TLAssetStore } from 'tldraw'
import { uploadAsset } from '../api/boardsApi'

export class AssetRejectedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AssetRejectedError'
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`
  if (n >= 1024) return `${Math.round(n / 1024)} KB`
  return `${n} bytes`
}

/** Checks type and size before any bytes leave the browser; returns a user-facing reason or null. */
export function checkUpload(file: { type: string; size: number }, maxUploadBytes: number): string | null {
  if (!parseAssetContentType(file.type)) {
    const allowed = ALLOWED_ASSET_CONTENT_TYPES.map((t) => t.replace('image/', '').replace('+xml', '')).join(', ')
    return `Only images can be added (${allowed}).`
  }
  if (file.size > maxUploadBytes) return `That image is ${formatBytes(file.size)}; the limit is ${formatBytes(maxUploadBytes)}.`
  return null
}

export function createAssetStore(opts: {
  boardId: string
  maxUploadBytes: number
  /** Shows an error to the user (a tldraw toast). */
  onError(message: string): void
  upload?: typeof uploadAsset
}): TLAssetStore {
  const upload = opts.upload ?? uploadAsset
  return {
    async upload(_asset, file, abortSignal) {
      const problem = checkUpload(file, opts.maxUploadBytes)
      if (problem) {
        opts.onError(problem)
        throw new AssetRejectedError(problem)
      }
      try {
        const src = await upload(opts.boardId, file, abortSignal)
        return { src }
      } catch (err) {
        if (!(abortSignal?.aborted ?? false)) {
          opts.onError(`Upload failed: ${err instanceof Error ? err.message : String(err)}`)
        }
        throw err
      }
    },
    resolve(asset) {
      return asset.props.src
    },
  }
}
