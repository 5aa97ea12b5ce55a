/**
 * Makes DATA_DIR ready before storage opens it, and says what is wrong in terms of DATA_DIR when it
 * cannot: a path that is a file, a directory this user may not write, or one that cannot be created.
 * Created one level at a time: Node's recursive mkdir retries forever on some paths (`/proc/x`
 * answers ENOENT again and again), which left the server spinning at 100 % CPU, saying nothing.
 */
import fs from 'node:fs'
import path from 'node:path'

const codeOf = (e: unknown) => String((e as { code?: unknown } | null)?.code ?? (e as Error)?.message ?? e)

/** Null when `dir` exists (or was created) and is a writable directory; else the message to print. */
export function prepareDataDir(dir: string): string | null {
  const where = `DATA_DIR=${JSON.stringify(dir)}`
  const missing: string[] = []
  let cur = path.resolve(dir)
  for (;;) {
    let stat: fs.Stats | null = null
    try {
      stat = fs.statSync(cur)
    } catch (e) {
      const code = codeOf(e)
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return `${where}: cannot read ${cur} (${code})`
    }
    if (stat) {
      if (!stat.isDirectory()) return `${where}: ${cur} is not a directory. Set DATA_DIR to a directory (it is created if missing).`
      break
    }
    missing.unshift(cur)
    const up = path.dirname(cur)
    if (up === cur) break
    cur = up
  }
  for (const level of missing) {
    try {
      fs.mkdirSync(level)
    } catch (e) {
      if (codeOf(e) === 'EEXIST' && fs.statSync(level).isDirectory()) continue
      return `${where}: cannot create ${level} (${codeOf(e)}). Set DATA_DIR to a directory this user can write.`
    }
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK)
  } catch (e) {
    return `${where}: this user cannot write in it (${codeOf(e)}). Set DATA_DIR to a directory this user can write.`
  }
  return null
}
