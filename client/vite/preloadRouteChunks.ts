/**
 * Build plugin: a page whose code is split off (the board editor: tldraw is ~1.5 MB) used to start
 * loading it only after the entry chunk had been fetched and run — a waterfall of 100–150 ms before
 * the editor's chunk could even start compiling (first paint, issue 2). This writes into
 * index.html a small inline script that, when the path matches a route, adds `modulepreload` links
 * for that route's chunks and every chunk they import (Chromium fetches and compiles them while the
 * entry runs) and `preload` links for their CSS. Other pages fetch nothing extra.
 */
import type { Plugin } from 'vite'

export interface RouteChunks {
  /** Tested against `location.pathname` in the page. */
  path: RegExp
  /** Source modules (relative to the client root) that the route imports dynamically. */
  modules: string[]
}

interface OutputChunkLike {
  type: 'chunk'
  fileName: string
  facadeModuleId: string | null
  moduleIds: readonly string[]
  imports: string[]
  isEntry: boolean
  viteMetadata?: { importedCss: Set<string> }
}

export function preloadRouteChunks(routes: RouteChunks[]): Plugin {
  return {
    name: 'overlap:preload-route-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle
        if (!bundle) return html
        const chunks = Object.values(bundle).filter((c): c is OutputChunkLike & (typeof bundle)[string] => c.type === 'chunk')
        const byFile = new Map(chunks.map((c) => [c.fileName, c]))
        // The entry and its static imports are loaded by index.html already.
        const loaded = new Set<string>()
        const addStatic = (file: string, into: Set<string>) => {
          if (into.has(file)) return
          into.add(file)
          for (const dep of byFile.get(file)?.imports ?? []) addStatic(dep, into)
        }
        for (const c of chunks) if (c.isEntry) addStatic(c.fileName, loaded)

        const plan = routes.map((route) => {
          const files = new Set<string>()
          for (const mod of route.modules) {
            // The module's own chunk, or the group chunk it was put in (vite/boardChunks.ts).
            const chunk = chunks.find((c) => c.moduleIds.some((id) => id.endsWith(`/${mod}`)))
            if (!chunk) throw new Error(`preloadRouteChunks: no chunk for ${mod} (is it imported dynamically?)`)
            addStatic(chunk.fileName, files)
          }
          const js = [...files].filter((f) => !loaded.has(f))
          const css = [...new Set(js.flatMap((f) => [...(byFile.get(f)?.viteMetadata?.importedCss ?? [])]))]
          return { path: route.path.source, js: js.map((f) => `/${f}`), css: css.map((f) => `/${f}`) }
        })
        const script =
          `(function(){var r=${JSON.stringify(plan)};for(var i=0;i<r.length;i++){if(!new RegExp(r[i].path).test(location.pathname))continue;` +
          `var add=function(h,rel,as){var l=document.createElement('link');l.rel=rel;if(as)l.as=as;l.crossOrigin='';l.href=h;document.head.appendChild(l)};` +
          `r[i].js.forEach(function(h){add(h,'modulepreload')});r[i].css.forEach(function(h){add(h,'preload','style')});break}})()`
        // Before the first script (the blocking /config.js), after <meta charset> (which must come
        // within the first 1,024 bytes).
        const at = html.indexOf('<script')
        if (at < 0) throw new Error('preloadRouteChunks: index.html has no <script>')
        return `${html.slice(0, at)}<script>${script}</script>\n    ${html.slice(at)}`
      },
    },
  }
}
