/**
 * Traceability checks and counts ([W12]–[W19]). Pure function of the web: the client runs it live, the
 * server runs it for the brief, both get the same findings in the same order.
 */
import { CARD_TYPES, cardTypeDef, type CardType } from './cardTypes.js'
import { LINK_TYPES, type LinkType } from './linkTypes.js'
import { whyChain } from './chains.js'
import type { Web, WebCard, WebLink } from './readWeb.js'

export const FINDING_KINDS = [
  'requirement-without-need',
  'need-without-research',
  'decision-without-alternatives',
  'constraint-constrains-nothing',
  'risk-without-mitigation',
  'card-in-wrong-zone',
  'dangling-link',
] as const
export type FindingKind = (typeof FINDING_KINDS)[number]

export interface Finding {
  /** `<kind>:<shape id>`: stable across runs and replicas, usable as a React key or to dismiss. */
  id: string
  kind: FindingKind
  message: string
  /** Cards concerned (for a dangling link: none; `linkId` names the arrow). */
  cardIds: string[]
  linkId?: string
}

export interface WebAnalysis {
  findings: Finding[]
  cardCounts: Record<CardType, number>
  linkCounts: Record<LinkType, number>
}

/** Does `link` touch `card` as the end that `role` names, counting two-way links both ways? */
function touches(link: WebLink, cardId: string, role: 'from' | 'to' | 'any'): boolean {
  if (role === 'any' || link.twoWay) return link.fromCardId === cardId || link.toCardId === cardId
  return role === 'from' ? link.fromCardId === cardId : link.toCardId === cardId
}

function other(link: WebLink, cardId: string): string {
  return link.fromCardId === cardId ? link.toCardId : link.fromCardId
}

const quote = (card: WebCard): string => `"${card.text.replace(/\s+/g, ' ').trim() || 'untitled'}"`

export function analyzeWeb(web: Web): WebAnalysis {
  const cards = new Map(web.cards.map((c) => [c.id, c]))
  const findings: Finding[] = []
  const add = (kind: FindingKind, card: WebCard, message: string): void => {
    findings.push({ id: `${kind}:${card.id}`, kind, message, cardIds: [card.id] })
  }
  const linksOf = (card: WebCard, types: readonly LinkType[], role: 'from' | 'to' | 'any') =>
    web.links.filter((l) => types.includes(l.type) && touches(l, card.id, role))

  for (const card of web.cards) {
    switch (card.type) {
      case 'requirement':
        // [W12]
        if (whyChain(web, card.id).reached.length === 0)
          add('requirement-without-need', card, `Requirement ${quote(card)} serves no business need.`)
        break
      case 'business-need': {
        // [W13] direction-agnostic: a finding linked either way counts.
        const research = linksOf(card, ['evidences', 'informs'], 'any').some(
          (l) => cards.get(other(l, card.id))?.type === 'research-finding',
        )
        if (!research) add('need-without-research', card, `Business need ${quote(card)} has no research behind it.`)
        break
      }
      case 'decision':
        // [W14]
        if (card.fields.alternatives.trim() === '' && linksOf(card, ['alternative-to'], 'any').length === 0)
          add('decision-without-alternatives', card, `Decision ${quote(card)} records no alternatives.`)
        break
      case 'constraint':
        // [W15]
        if (linksOf(card, ['constrains'], 'from').length === 0)
          add('constraint-constrains-nothing', card, `Constraint ${quote(card)} constrains nothing.`)
        break
      case 'risk':
        // [W16]
        if (linksOf(card, ['mitigates'], 'to').length === 0)
          add('risk-without-mitigation', card, `Risk ${quote(card)} has no mitigation.`)
        break
      default:
        break
    }
    // [W17]
    if (card.zoneType !== null && card.zoneType !== card.type) {
      const zone = web.zones.find((z) => z.id === card.zoneId)
      add(
        'card-in-wrong-zone',
        card,
        `${cardTypeDef(card.type).label} ${quote(card)} is in the ${zone?.name || cardTypeDef(card.zoneType).label} zone (${cardTypeDef(card.zoneType).plural.toLowerCase()}).`,
      )
    }
  }
  // [W18]
  for (const d of web.dangling) {
    findings.push({
      id: `dangling-link:${d.id}`,
      kind: 'dangling-link',
      message: d.reasons.includes('same-card')
        ? `A "${d.type}" link starts and ends on the same card.`
        : `A "${d.type}" link is not connected to a card at both ends (${d.reasons.join(', ')}).`,
      cardIds: [],
      linkId: d.id,
    })
  }
  // Kind first, then the web's card order (findings were pushed in card order; sort is stable).
  findings.sort((a, b) => FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind))

  // [W19]
  const cardCounts = Object.fromEntries(CARD_TYPES.map((t) => [t.id, 0])) as Record<CardType, number>
  for (const c of web.cards) cardCounts[c.type]++
  const linkCounts = Object.fromEntries(LINK_TYPES.map((t) => [t, 0])) as Record<LinkType, number>
  for (const l of web.links) linkCounts[l.type]++
  return { findings, cardCounts, linkCounts }
}
