/**
 * Templates for designing solutions together (seed 002: "Implementation Options Exploration", "Scope
 * Negotiation", "Joint Estimation").
 */
import type { Template } from './types.js'
import { zone } from './zoneGrid.js'

export const implementationOptions: Template = {
  id: 'implementation-options',
  version: 1,
  name: 'Implementation options & trade-offs',
  description: 'Explore several technical approaches side by side against value, effort, risk and time.',
  practice: 'Implementation options exploration: identify multiple technical approaches and their trade-offs',
  howToRun: {
    summary: 'At least two real options before anyone argues for one. Score every option on the same criteria (rows), then record the decision and the options it beat.',
    steps: [
      { title: 'Options', minutes: 10, detail: 'Engineering names two or three approaches, one column each.' },
      { title: 'Criteria', minutes: 20, detail: 'For each column: value, effort, risk, time. Add risk cards where something could go wrong.' },
      { title: 'Decide', minutes: 10, detail: 'Write the decision with its why; link the options it was chosen over.' },
    ],
  },
  zones: [
    zone('criteria', 'Criteria: value · effort · risk · time', 'question', 0, 0, { rows: 2 }),
    zone('option-a', 'Option A', undefined, 1, 0, { rows: 2 }),
    zone('option-b', 'Option B', undefined, 2, 0, { rows: 2 }),
    zone('option-c', 'Option C', undefined, 3, 0, { rows: 2 }),
    zone('decision', 'Decision', 'decision', 1, 2, { cols: 3 }),
  ],
  cards: [
    { key: 'value', type: 'question', zone: 'criteria', text: 'Value: what does the user get?' },
    { key: 'effort', type: 'question', zone: 'criteria', text: 'Effort: how much work?' },
    { key: 'risk', type: 'question', zone: 'criteria', text: 'Risk: what could go wrong?' },
    { key: 'time', type: 'question', zone: 'criteria', text: 'Time: how soon can it ship?' },
    { key: 'a', type: 'architecture-option', zone: 'option-a', text: 'Option A' },
    { key: 'b', type: 'architecture-option', zone: 'option-b', text: 'Option B' },
    { key: 'c', type: 'architecture-option', zone: 'option-c', text: 'Option C' },
    { key: 'decision', type: 'decision', zone: 'decision', text: 'We will build …', fields: { why: '', alternatives: '' } },
  ],
  links: [
    { from: 'b', to: 'a', type: 'alternative-to', twoWay: true },
    { from: 'c', to: 'b', type: 'alternative-to', twoWay: true },
    { from: 'decision', to: 'a', type: 'alternative-to' },
  ],
}

export const scopeNegotiation: Template = {
  id: 'scope-negotiation',
  version: 1,
  name: 'Scope negotiation',
  description: 'Sort requirements into essential and nice-to-have by user value and technical complexity.',
  practice: 'Scope negotiation: discuss what is essential versus nice-to-have based on technical complexity and user value',
  howToRun: {
    summary: 'Product places cards by value (up = more), engineering by complexity (right = more). Disagreement on a card is the conversation to have.',
    steps: [
      { title: 'List', minutes: 10, detail: 'Everything in scope as requirement cards, linked to the need they serve.' },
      { title: 'Place', minutes: 15, detail: 'Move each card into a quadrant; talk where product and engineering disagree.' },
      { title: 'Cut', minutes: 10, detail: 'Set priority: must for quick wins, should for big bets, could for fill-ins; drop the money pits.' },
    ],
  },
  zones: [
    zone('need', 'Need', 'business-need', 0, 0, { rows: 2 }),
    zone('quick-wins', 'High value · low complexity: do first', 'requirement', 1, 0),
    zone('big-bets', 'High value · high complexity: plan', 'requirement', 2, 0),
    zone('fill-ins', 'Low value · low complexity: maybe', 'requirement', 1, 1),
    zone('money-pits', 'Low value · high complexity: drop', 'requirement', 2, 1),
  ],
  cards: [
    { key: 'need', type: 'business-need', zone: 'need', text: 'The need this scope serves' },
    { key: 'quick', type: 'requirement', zone: 'quick-wins', text: 'Essential and cheap', fields: { priority: 'must' } },
    { key: 'bet', type: 'requirement', zone: 'big-bets', text: 'Essential but hard', fields: { priority: 'should' } },
    { key: 'fill', type: 'requirement', zone: 'fill-ins', text: 'Nice to have, cheap', fields: { priority: 'could' } },
    { key: 'pit', type: 'requirement', zone: 'money-pits', text: 'Nice to have, hard' },
  ],
  links: [
    { from: 'quick', to: 'need', type: 'serves' },
    { from: 'bet', to: 'need', type: 'serves' },
    { from: 'fill', to: 'need', type: 'serves' },
    { from: 'pit', to: 'need', type: 'serves' },
  ],
}

export const jointEstimation: Template = {
  id: 'joint-estimation',
  version: 1,
  name: 'Joint estimation',
  description: 'Product and engineering estimate each item together; the gap between their views is the point.',
  practice: 'Joint estimation: include both product and engineering perspectives in estimation and timeline planning',
  howToRun: {
    summary: 'One row per item. Both sides estimate before either speaks; then discuss the biggest gaps first.',
    steps: [
      { title: 'Items', minutes: 5, detail: 'The items to estimate, as requirement cards.' },
      { title: 'Estimate in silence', minutes: 10, detail: 'Product writes expected size and value; engineering writes effort and unknowns.' },
      { title: 'Discuss gaps', minutes: 20, detail: 'Biggest gap first: what does one side know that the other does not?' },
    ],
  },
  zones: [
    zone('items', 'Items', 'requirement', 0, 0),
    zone('product', 'Product view', undefined, 1, 0),
    zone('engineering', 'Engineering view', undefined, 2, 0),
    zone('gap', 'Gap and why', 'question', 3, 0),
  ],
  cards: [
    { key: 'item', type: 'requirement', zone: 'items', text: 'Item to estimate' },
    { key: 'product', type: 'question', zone: 'product', text: 'Product: size, value, deadline?' },
    { key: 'engineering', type: 'question', zone: 'engineering', text: 'Engineering: effort, unknowns, risks?' },
    { key: 'gap', type: 'question', zone: 'gap', text: 'Why do the estimates differ?' },
  ],
  links: [
    { from: 'product', to: 'item', type: 'informs' },
    { from: 'engineering', to: 'item', type: 'informs' },
    { from: 'gap', to: 'item', type: 'informs' },
  ],
}

