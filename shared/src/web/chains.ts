/**
 * Why-chains and so-what-chains ([W9]–[W11]): breadth-first walks over typed links, each card visited
 * once (so cycles end), two-way links walked in both directions.
 *
 * "Up" (towards the reason a card exists), for a link A→B:
 *   - `serves`, `satisfies`: A up to B (a requirement serves a need: the need is its why);
 *   - `depends-on`: B up to A (what is depended on exists for the sake of what depends on it).
 * "Down" (so what follows from a card) is the reverse of every up step, plus A→B for `informs`,
 * `evidences`, `constrains`, and risk B → A for `A mitigates B` (a risk's so-what is its mitigation).
 */
import type { CardType } from './cardTypes.js'
import type { LinkType } from './linkTypes.js'
import type { Web, WebCard, WebLink } from './readWeb.js'

export interface ChainStep {
  cardId: string
  /** Steps from the start card (the start card itself is not a step). */
  depth: number
  /** The card this one was reached from, and the link used. */
  fromCardId: string
  viaLinkId: string
  viaLinkType: LinkType
}

export interface Chain {
  startId: string
  /** BFS order; ties in the order of `web.links`. */
  steps: ChainStep[]
  /** Ids of the terminal cards reached (needs for why, requirements and decisions for so-what). */
  reached: string[]
}

type Edge = { from: string; to: string; link: WebLink }

const UP_FORWARD: ReadonlySet<LinkType> = new Set(['serves', 'satisfies'])
const UP_REVERSE: ReadonlySet<LinkType> = new Set(['depends-on'])
const DOWN_FORWARD_EXTRA: ReadonlySet<LinkType> = new Set(['informs', 'evidences', 'constrains'])
const DOWN_REVERSE_EXTRA: ReadonlySet<LinkType> = new Set(['mitigates'])

/** Directed edges of one link, as stated (A→B) plus the reverse when two-way. */
function directions(link: WebLink): Array<[string, string]> {
  const d: Array<[string, string]> = [[link.fromCardId, link.toCardId]]
  if (link.twoWay) d.push([link.toCardId, link.fromCardId])
  return d
}

/** Up edges ([W9]): `x` is justified by `y`. */
export function upEdges(web: Web): Edge[] {
  const out: Edge[] = []
  for (const link of web.links) {
    for (const [a, b] of directions(link)) {
      if (UP_FORWARD.has(link.type)) out.push({ from: a, to: b, link })
      else if (UP_REVERSE.has(link.type)) out.push({ from: b, to: a, link })
    }
  }
  return out
}

/** Down edges ([W10]). */
export function downEdges(web: Web): Edge[] {
  const out: Edge[] = []
  for (const link of web.links) {
    for (const [a, b] of directions(link)) {
      if (UP_FORWARD.has(link.type) || DOWN_REVERSE_EXTRA.has(link.type)) out.push({ from: b, to: a, link })
      else if (UP_REVERSE.has(link.type) || DOWN_FORWARD_EXTRA.has(link.type)) out.push({ from: a, to: b, link })
    }
  }
  return out
}

/** BFS from `startId` over `edges`; cards whose type is in `stopAt` are reached but not expanded. */
export function walk(web: Web, startId: string, edges: Edge[], stopAt: ReadonlySet<CardType>): Chain {
  const cards = new Map<string, WebCard>(web.cards.map((c) => [c.id, c]))
  const adjacency = new Map<string, Edge[]>()
  for (const e of edges) {
    const list = adjacency.get(e.from) ?? []
    list.push(e)
    adjacency.set(e.from, list)
  }
  const steps: ChainStep[] = []
  const reached: string[] = []
  const seen = new Set([startId])
  let frontier = [{ id: startId, depth: 0 }]
  while (frontier.length > 0) {
    const next: typeof frontier = []
    for (const { id, depth } of frontier) {
      for (const e of adjacency.get(id) ?? []) {
        if (seen.has(e.to) || !cards.has(e.to)) continue
        seen.add(e.to)
        steps.push({ cardId: e.to, depth: depth + 1, fromCardId: id, viaLinkId: e.link.id, viaLinkType: e.link.type })
        if (stopAt.has(cards.get(e.to)!.type)) reached.push(e.to)
        else next.push({ id: e.to, depth: depth + 1 })
      }
    }
    frontier = next
  }
  return { startId, steps, reached }
}

const NEEDS: ReadonlySet<CardType> = new Set(['business-need'])
const OUTCOMES: ReadonlySet<CardType> = new Set(['requirement', 'decision'])

/** [W9] Up from `cardId` to the business needs it serves (needs are not expanded further). */
export function whyChain(web: Web, cardId: string): Chain {
  return walk(web, cardId, upEdges(web), NEEDS)
}

/** [W10] Down from `cardId` to the requirements and decisions that follow from it. */
export function soWhatChain(web: Web, cardId: string): Chain {
  return walk(web, cardId, downEdges(web), OUTCOMES)
}
