/** CPU time of another process from /proc/<pid>/stat (utime + stime), in milliseconds. */
import fs from 'node:fs'

const TICKS_PER_SECOND = 100 // USER_HZ on Linux

export function processCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the ")" that closes the command name; utime and stime are fields 14 and 15.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(rest[11])
  const stime = Number(rest[12])
  return ((utime + stime) * 1000) / TICKS_PER_SECOND
}
