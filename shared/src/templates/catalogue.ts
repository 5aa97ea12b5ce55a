/** The built-in templates, Problem web first (the gallery's order). */
import { featureKickoff, problemDefinition, successMetrics } from './discoveryTemplates.js'
import { collaborationRetro, decisionRecord, dependencyMap, riskAssessment, weeklyAlignment } from './planningTemplates.js'
import { problemWeb } from './problemWeb.js'
import { implementationOptions, jointEstimation, scopeNegotiation } from './solutionTemplates.js'
import type { Template } from './types.js'

export const TEMPLATES: readonly Template[] = [
  problemWeb,
  problemDefinition,
  successMetrics,
  featureKickoff,
  implementationOptions,
  scopeNegotiation,
  jointEstimation,
  riskAssessment,
  dependencyMap,
  decisionRecord,
  weeklyAlignment,
  collaborationRetro,
]

export function getTemplate(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id)
}
