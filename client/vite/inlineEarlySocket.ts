/**
 * Build plugin: writes `openEarlySocket` (src/board/earlySocketScript.ts) into index.html as the
 * page's first script, so a board link's socket opens while the HTML is still being parsed.
 * The function is self-contained by design; its compiled text is what goes into the page.
 */
import type { Plugin } from 'vite'
import { openEarlySocket } from '../src/board/earlySocketScript'

export function earlySocketScript(): string {
  return `(${openEarlySocket.toString()})(window)`
}

export function inlineEarlySocket(): Plugin {
  return {
    name: 'overlap:inline-early-socket',
    apply: 'build',
    transformIndexHtml: {
      // After preloadRouteChunks, so this one ends up first: the handshake is the longest chain.
      order: 'post',
      handler(html) {
        const at = html.indexOf('<script')
        if (at < 0) throw new Error('inlineEarlySocket: index.html has no <script>')
        return `${html.slice(0, at)}<script>${earlySocketScript()}</script>\n    ${html.slice(at)}`
      },
    },
  }
}
