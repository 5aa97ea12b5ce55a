/**
 * Templates for planning together (seed 002: "Risk Assessment", "Dependency Mapping", "Decision
 * Documentation", "Weekly Alignment Sessions", "Retrospectives").
 */
import type { Template } from './types.js'
import { zone } from './zoneGrid.js'

export const riskAssessment: Template = {
  id: 'risk-assessment',
  version: 1,
  name: 'Risk assessment',
  description: 'Identify technical and product risks early, placed by likelihood and impact, each with a mitigation.',
  practice: 'Risk assessment: identify both technical and product risks early in the planning process',
  howToRun: {
    summary: 'Two lanes, so product risks are not drowned by technical ones (or the reverse). Place each risk by likelihood (up) and impact (right); set both fields.',
    steps: [
      { title: 'Name risks', minutes: 10, detail: 'Silently, one risk per card, in its lane.' },
      { title: 'Place', minutes: 10, detail: 'Move each risk to its likelihood × impact cell; set the fields to match.' },
      { title: 'Mitigate', minutes: 15, detail: 'Top-right cells first: a decision card that mitigates each risk.' },
    ],
  },
  zones: [
    zone('tech-likely-minor', 'Technical · likely · minor', 'risk', 0, 0),
    zone('tech-likely-severe', 'Technical · likely · severe', 'risk', 1, 0),
    zone('tech-unlikely-minor', 'Technical · unlikely · minor', 'risk', 0, 1),
    zone('tech-unlikely-severe', 'Technical · unlikely · severe', 'risk', 1, 1),
    zone('product-likely-minor', 'Product · likely · minor', 'risk', 2.25, 0),
    zone('product-likely-severe', 'Product · likely · severe', 'risk', 3.25, 0),
    zone('product-unlikely-minor', 'Product · unlikely · minor', 'risk', 2.25, 1),
    zone('product-unlikely-severe', 'Product · unlikely · severe', 'risk', 3.25, 1),
    zone('mitigations', 'Mitigations', 'decision', 0, 2, { cols: 4.25 }),
  ],
  cards: [
    { key: 'tech', type: 'risk', zone: 'tech-likely-severe', text: 'A technical risk', fields: { likelihood: 'high', impact: 'high' } },
    { key: 'product', type: 'risk', zone: 'product-likely-severe', text: 'A product risk', fields: { likelihood: 'high', impact: 'high' } },
    { key: 'mitigation', type: 'decision', zone: 'mitigations', text: 'How we reduce it', fields: { why: '', alternatives: '' } },
  ],
  links: [{ from: 'mitigation', to: 'tech', type: 'mitigates' }],
}

export const dependencyMap: Template = {
  id: 'dependency-map',
  version: 1,
  name: 'Dependency map',
  description: 'Map how a feature touches existing systems and planned work, and who owns each.',
  practice: 'Dependency mapping: understand how features interact with existing systems and other planned work',
  howToRun: {
    summary: 'Put the feature in the middle and every system it touches around it. Write the owner on each system card; link with depends on / blocks.',
    steps: [
      { title: 'Feature', minutes: 5, detail: 'The feature as one or more requirement cards.' },
      { title: 'Systems and owners', minutes: 15, detail: 'Every system, service or team it touches, with an owner.' },
      { title: 'Links', minutes: 10, detail: 'depends on, blocks, constrains. Mark what is already planned elsewhere.' },
      { title: 'Follow-ups', minutes: 5, detail: 'A question per owner we have not talked to yet.' },
    ],
  },
  zones: [
    zone('systems', 'Existing systems (and owners)', 'architecture-option', 0, 0, { rows: 2 }),
    zone('feature', 'This feature', 'requirement', 1, 0),
    zone('contracts', 'Contracts and limits', 'constraint', 2, 0, { rows: 2 }),
    zone('follow-ups', 'Owners to talk to', 'question', 1, 1),
  ],
  cards: [
    { key: 'feature', type: 'requirement', zone: 'feature', text: 'The feature' },
    { key: 'system-a', type: 'architecture-option', zone: 'systems', text: 'System A (owner: …)' },
    { key: 'system-b', type: 'architecture-option', zone: 'systems', text: 'System B (owner: …)' },
    { key: 'contract', type: 'constraint', zone: 'contracts', text: 'An API or data contract we must keep' },
    { key: 'owner', type: 'question', zone: 'follow-ups', text: 'Who owns …?' },
  ],
  links: [
    { from: 'feature', to: 'system-a', type: 'depends-on' },
    { from: 'feature', to: 'system-b', type: 'depends-on' },
    { from: 'contract', to: 'feature', type: 'constrains' },
  ],
}

export const decisionRecord: Template = {
  id: 'decision-record',
  version: 1,
  name: 'Decision record',
  description: 'Record what was decided, why, and which alternatives were considered.',
  practice: 'Decision documentation: record not just what was decided but why, and what alternatives were considered',
  howToRun: {
    summary: 'Write it while the people who decided are still in the room. The decision card’s why and alternatives fields go into the brief.',
    steps: [
      { title: 'Context', minutes: 5, detail: 'The need or problem that forced a decision.' },
      { title: 'Options', minutes: 10, detail: 'Every option seriously considered, linked as alternatives.' },
      { title: 'Decision', minutes: 10, detail: 'What we chose; fill in why and the alternatives.' },
      { title: 'Consequences', minutes: 5, detail: 'What becomes harder, as risks; link their mitigations.' },
    ],
  },
  zones: [
    zone('context', 'Context', 'business-need', 0, 0),
    zone('options', 'Options', 'architecture-option', 1, 0),
    zone('decision', 'Decision', 'decision', 2, 0),
    zone('consequences', 'Consequences', 'risk', 3, 0),
  ],
  cards: [
    { key: 'context', type: 'business-need', zone: 'context', text: 'Why a decision was needed' },
    { key: 'option-a', type: 'architecture-option', zone: 'options', text: 'Option A' },
    { key: 'option-b', type: 'architecture-option', zone: 'options', text: 'Option B' },
    { key: 'decision', type: 'decision', zone: 'decision', text: 'We chose …', fields: { why: '', alternatives: '' } },
    { key: 'consequence', type: 'risk', zone: 'consequences', text: 'What this makes harder', fields: { likelihood: '', impact: '' } },
  ],
  links: [
    { from: 'option-b', to: 'option-a', type: 'alternative-to', twoWay: true },
    { from: 'option-a', to: 'context', type: 'serves' },
    { from: 'option-b', to: 'context', type: 'serves' },
    { from: 'decision', to: 'context', type: 'serves' },
  ],
}

export const weeklyAlignment: Template = {
  id: 'weekly-alignment',
  version: 1,
  name: 'Weekly alignment',
  description: 'A short weekly session: priorities, blockers and upcoming decisions, product and engineering together.',
  practice: 'Weekly alignment sessions: share priorities, blockers and upcoming decisions',
  howToRun: {
    summary: 'Fifteen minutes, same time every week. Only what changed since last week; status that could be read goes in the doc, not here.',
    steps: [
      { title: 'Priorities', minutes: 5, detail: 'What matters most this week, in order.' },
      { title: 'Blockers', minutes: 5, detail: 'What blocks which priority; who unblocks it.' },
      { title: 'Upcoming decisions', minutes: 5, detail: 'Decisions due soon, with who decides.' },
    ],
  },
  zones: [
    zone('priorities', 'Priorities', 'requirement', 0, 0, { rows: 2 }),
    zone('blockers', 'Blockers', 'risk', 1, 0, { rows: 2 }),
    zone('decisions', 'Upcoming decisions', 'decision', 2, 0, { rows: 2 }),
  ],
  cards: [
    { key: 'priority', type: 'requirement', zone: 'priorities', text: 'This week’s top priority', fields: { priority: 'must' } },
    { key: 'blocker', type: 'risk', zone: 'blockers', text: 'What could stop it', fields: { likelihood: '', impact: '' } },
    { key: 'decision', type: 'decision', zone: 'decisions', text: 'Decision due (who, when)', fields: { why: '', alternatives: '' } },
  ],
  links: [
    { from: 'blocker', to: 'priority', type: 'blocks' },
    { from: 'decision', to: 'blocker', type: 'mitigates' },
  ],
}

export const collaborationRetro: Template = {
  id: 'collaboration-retro',
  version: 1,
  name: 'Collaboration retrospective',
  description: 'Examine how product and engineering worked together, not just what was built.',
  practice: 'Retrospectives that examine collaboration effectiveness, not just technical implementation',
  howToRun: {
    summary: 'About the collaboration, not the code. Both sides write before anyone speaks; leave with at most three things to try.',
    steps: [
      { title: 'Went well', minutes: 7, detail: 'Moments product and engineering worked as one.' },
      { title: "Didn't go well", minutes: 7, detail: 'Handoffs, surprises, rework, "this isn’t what we asked for".' },
      { title: 'Vote', minutes: 5, detail: 'Dot-vote the cards that matter most.' },
      { title: 'Try next', minutes: 10, detail: 'At most three experiments, each a decision with an owner.' },
    ],
  },
  zones: [
    zone('went-well', 'Went well', undefined, 0, 0, { rows: 2 }),
    zone('did-not', "Didn't go well", undefined, 1, 0, { rows: 2 }),
    zone('try-next', 'Try next', 'decision', 2, 0, { rows: 2 }),
  ],
  cards: [
    { key: 'well', type: 'question', zone: 'went-well', text: 'When did we work as one team?' },
    { key: 'not', type: 'question', zone: 'did-not', text: 'Where did the handoff hurt?' },
    { key: 'try', type: 'decision', zone: 'try-next', text: 'Next time we will …', fields: { why: '', alternatives: '' } },
  ],
  links: [],
}
