/**
 * The Problem web: business need ↔ constraints ↔ research ↔ architecture ↔ requirements, every pair
 * linked both ways (seed 001: "Reality: Business Need ↔ Technical Constraints ↔ Research ↔ Architecture
 * ↔ Requirements"). One prompt card per zone; the ten two-way links carry the verb that reads from the
 * first card to the second.
 */
import type { Template } from './types.js'
import { CENTRE, zone } from './zoneGrid.js'

export const problemWeb: Template = {
  id: 'problem-web',
  version: 2,
  name: 'Problem web',
  description:
    'Product and engineering map business need, constraints, research, architecture and requirements together, with every part informing every other.',
  practice: 'Business need ↔ technical constraints ↔ research ↔ architecture ↔ requirements (a web, not a line)',
  howToRun: {
    summary:
      'Run it before anyone writes a spec, with product and engineering in the room. Everyone writes in every zone: engineers add needs, product adds constraints. Then link cards and read the traceability panel.',
    steps: [
      { title: 'Frame', minutes: 5, detail: 'State the business need in one sentence; agree who is in the room and why.' },
      { title: 'Gather in silence', minutes: 10, detail: 'Everyone adds cards to all five zones. No discussion yet.' },
      { title: 'Read aloud', minutes: 10, detail: 'Each zone owner reads its cards; merge duplicates.' },
      { title: 'Connect', minutes: 15, detail: 'Draw typed links: what serves, constrains, informs, evidences, satisfies what.' },
      { title: 'Check the web', minutes: 10, detail: 'Open the traceability panel: needs without research, requirements without a need, idle constraints.' },
      { title: 'Next steps', minutes: 5, detail: 'Turn open findings into questions with an owner.' },
    ],
  },
  zones: [
    zone('need', 'Business need', 'business-need', 1, 0),
    zone('constraints', 'Technical constraints', 'constraint', 0, 1),
    zone('research', 'Research', 'research-finding', 2, 1),
    zone('architecture', 'Architecture', 'architecture-option', 0.5, 2),
    zone('requirements', 'Requirements', 'requirement', 1.5, 2),
  ],
  cards: [
    { key: 'need', type: 'business-need', zone: 'need', at: CENTRE, text: 'What outcome does the business need, and for whom?' },
    { key: 'constraint', type: 'constraint', zone: 'constraints', at: CENTRE, text: 'What limits us? Systems, data, law, budget, time.' },
    {
      key: 'research',
      type: 'research-finding',
      zone: 'research',
      at: CENTRE,
      text: 'What do we know? Interviews, data, tickets.',
      // Empty: the field shows its label as a hint. A hint stored as the value read as a real source.
      fields: { source: '', confidence: '' },
    },
    { key: 'option', type: 'architecture-option', zone: 'architecture', at: CENTRE, text: 'What could we build? One card per option.' },
    { key: 'requirement', type: 'requirement', zone: 'requirements', at: CENTRE, text: 'What must be true for the need to be met?' },
  ],
  links: [
    { from: 'constraint', to: 'need', type: 'constrains', twoWay: true },
    { from: 'research', to: 'need', type: 'evidences', twoWay: true },
    { from: 'option', to: 'need', type: 'serves', twoWay: true },
    { from: 'requirement', to: 'need', type: 'serves', twoWay: true },
    { from: 'research', to: 'constraint', type: 'informs', twoWay: true },
    { from: 'constraint', to: 'option', type: 'constrains', twoWay: true },
    { from: 'constraint', to: 'requirement', type: 'constrains', twoWay: true },
    { from: 'research', to: 'option', type: 'informs', twoWay: true },
    { from: 'research', to: 'requirement', type: 'informs', twoWay: true },
    { from: 'option', to: 'requirement', type: 'satisfies', twoWay: true },
  ],
}
