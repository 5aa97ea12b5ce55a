/** Stops the server started by global setup (SIGTERM, then SIGKILL) and removes its temp dir. */
import fs from 'node:fs'
import { keepServerLog, loadServerState } from './serverState.js'

const STOP_TIMEOUT_MS = 10_000

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false
    await new Promise((r) => setTimeout(r, 50))
  }
  return true
}

export default async function globalTeardown(): Promise<void> {
  const state = loadServerState()
  if (!state) return
  if (isAlive(state.pid)) {
    process.kill(state.pid, 'SIGTERM')
    if (!(await waitForExit(state.pid, STOP_TIMEOUT_MS))) {
      process.stderr.write(`[e2e] server pid ${state.pid} ignored SIGTERM for ${STOP_TIMEOUT_MS} ms; killing it\n`)
      process.kill(state.pid, 'SIGKILL')
      await waitForExit(state.pid, STOP_TIMEOUT_MS)
    }
  }
  keepServerLog(state.tempDir)
  fs.rmSync(state.tempDir, { recursive: true, force: true })
}
