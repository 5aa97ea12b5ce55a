/**
 * Templates for shared problem understanding (seed 002: "Problem Definition Workshops", "Success Metrics
 * Alignment", "Feature Kick-off Meetings").
 */
import type { Template } from './types.js'
import { zone } from './zoneGrid.js'

export const problemDefinition: Template = {
  id: 'problem-definition',
  version: 1,
  name: 'Problem definition workshop',
  description: 'Define the user problem together before anyone discusses solutions.',
  practice: 'Problem definition workshops: work together to define the user problem before discussing solutions',
  howToRun: {
    summary: 'Keep solutions out of the room: park any solution idea as a question. Engineers join as problem solvers, not estimators.',
    steps: [
      { title: 'Problem statement', minutes: 10, detail: 'Each person writes the problem in one sentence; converge on one.' },
      { title: 'Who is affected', minutes: 10, detail: 'Name the people who feel it, how often and how badly.' },
      { title: 'Evidence', minutes: 15, detail: 'Add what we know, with source and confidence; link it to the problem.' },
      { title: "What we don't know", minutes: 10, detail: 'List open questions and who will find out.' },
    ],
  },
  zones: [
    zone('statement', 'Problem statement', 'business-need', 0, 0),
    zone('affected', 'Who is affected', 'business-need', 1, 0),
    zone('evidence', 'Evidence', 'research-finding', 0, 1),
    zone('unknowns', "What we don't know", 'question', 1, 1),
  ],
  cards: [
    { key: 'problem', type: 'business-need', zone: 'statement', text: 'Users struggle to … when … because …' },
    { key: 'who', type: 'business-need', zone: 'affected', text: 'Who feels this, how often, how badly?' },
    { key: 'evidence', type: 'research-finding', zone: 'evidence', text: 'What tells us this is real?', fields: { source: '', confidence: '' } },
    { key: 'unknown', type: 'question', zone: 'unknowns', text: 'What would change our mind?' },
  ],
  links: [
    { from: 'evidence', to: 'problem', type: 'evidences' },
    { from: 'evidence', to: 'who', type: 'evidences' },
  ],
}

export const successMetrics: Template = {
  id: 'success-metrics',
  version: 1,
  name: 'Success metrics alignment',
  description: 'Agree how success will be measured before building: outcome, metric, baseline, target, how measured.',
  practice: 'Success metrics alignment: agree on how you will measure feature success before starting development',
  howToRun: {
    summary: 'Start from the outcome, not the dashboard. Every metric card gets a baseline and a target; every metric needs a way to measure it.',
    steps: [
      { title: 'Outcome', minutes: 10, detail: 'What changes for users or the business if this works?' },
      { title: 'Metrics', minutes: 15, detail: 'One card per metric, with baseline and target in its fields.' },
      { title: 'How measured', minutes: 10, detail: 'Engineering adds the instrumentation each metric needs, as requirements.' },
      { title: 'Doubts', minutes: 5, detail: 'Questions about data we do not have yet.' },
    ],
  },
  zones: [
    zone('outcome', 'Outcome', 'business-need', 0, 0),
    zone('metrics', 'Metrics (baseline → target)', 'metric', 1, 0),
    zone('measure', 'How we measure', 'requirement', 2, 0),
    zone('questions', 'Open questions', 'question', 1, 1),
  ],
  cards: [
    { key: 'outcome', type: 'business-need', zone: 'outcome', text: 'What outcome are we after?' },
    { key: 'metric', type: 'metric', zone: 'metrics', text: 'Which number tells us?', fields: { baseline: 'today', target: 'goal' } },
    { key: 'measure', type: 'requirement', zone: 'measure', text: 'What must we log or track to see it?', fields: { priority: 'must' } },
    { key: 'question', type: 'question', zone: 'questions', text: 'Which data do we not have yet?' },
  ],
  links: [
    { from: 'metric', to: 'outcome', type: 'serves' },
    { from: 'measure', to: 'metric', type: 'satisfies' },
  ],
}

export const featureKickoff: Template = {
  id: 'feature-kickoff',
  version: 1,
  name: 'Feature kick-off',
  description: 'Align on problem understanding, success criteria and implementation approach before development starts.',
  practice: 'Feature kick-off meetings: align on problem understanding, success criteria and implementation approach',
  howToRun: {
    summary: 'One session before the first line of code. Leave with a shared problem, a measurable finish line and an approach everyone can explain.',
    steps: [
      { title: 'Problem understanding', minutes: 10, detail: 'Product restates the problem; engineering asks until they could explain it to a user.' },
      { title: 'Success criteria', minutes: 10, detail: 'Metrics with baseline and target.' },
      { title: 'Implementation approach', minutes: 15, detail: 'Engineering sketches options; product asks about trade-offs.' },
      { title: 'Open questions', minutes: 5, detail: 'Each question gets an owner.' },
    ],
  },
  zones: [
    zone('problem', 'Problem understanding', 'business-need', 0, 0),
    zone('success', 'Success criteria', 'metric', 1, 0),
    zone('approach', 'Implementation approach', 'architecture-option', 2, 0),
    zone('questions', 'Open questions', 'question', 0, 1, { cols: 3 }),
  ],
  cards: [
    { key: 'problem', type: 'business-need', zone: 'problem', text: 'The problem in the user’s words' },
    { key: 'success', type: 'metric', zone: 'success', text: 'How will we know it worked?', fields: { baseline: '', target: '' } },
    { key: 'approach', type: 'architecture-option', zone: 'approach', text: 'How could we build it?' },
    { key: 'question', type: 'question', zone: 'questions', text: 'What do we still need to find out?' },
  ],
  links: [
    { from: 'success', to: 'problem', type: 'serves' },
    { from: 'approach', to: 'problem', type: 'serves' },
  ],
}
