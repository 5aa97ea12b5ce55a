/**
 * `pnpm bench`: every benchmark in turn, then one summary table. Figures only — nothing here fails
 * a build. Each benchmark also runs alone (`node bench/dist/<name>.js`).
 * BENCH_ONLY=fanout,load10k,storage,memory,guard,paint picks a subset.
 */
import { runClientPaint } from './clientPaint.js'
import { runFanout } from './fanout.js'
import { runLoad10k } from './load10k.js'
import { runMemoryPerBoard } from './memoryPerBoard.js'
import { printTable, type Figure } from './lib/results.js'
import { runStorageThroughput } from './storageThroughput.js'
import { runWorkshopGuard } from './workshopGuard.js'

const benches: [string, () => Promise<Figure[]>][] = [
  ['fanout', runFanout],
  ['load10k', runLoad10k],
  ['storage', runStorageThroughput],
  ['memory', runMemoryPerBoard],
  ['guard', runWorkshopGuard],
  // Last: it needs Chromium and both client builds.
  ['paint', runClientPaint],
]

const only = process.env.BENCH_ONLY?.split(',')
const figures: Figure[] = []
const failed: string[] = []
for (const [name, run] of benches) {
  if (only && !only.includes(name)) continue
  try {
    figures.push(...(await run()))
  } catch (err) {
    // One broken benchmark must not hide the others' figures.
    console.error(`\n${name} failed:`, err)
    failed.push(name)
  }
}
console.log('\n== summary (medians; reference = @y/websocket-server@0.1.1 measured in the same run) ==')
printTable(figures)
if (failed.length) console.log(`\nnot measured (failed): ${failed.join(', ')}`)
process.exit(0)
