/**
 * The voter id a ballot is stored under: a hash of the voter's secret key ([WS6]), so that nobody
 * who does not hold the key — another participant, a reader of the database — can act as that voter.
 */
import { createHash } from 'node:crypto'

export function voterIdOf(voterKey: string): string {
  return createHash('sha256').update(voterKey).digest('base64url').slice(0, 22)
}
