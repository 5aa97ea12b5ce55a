/**
 * This browser's localStorage, or null where reading it throws (some private modes, sandboxed
 * frames, Node tests): callers then keep what they know for the life of the page.
 */
export function browserStorage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}
