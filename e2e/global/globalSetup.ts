/**
 * Starts the REAL server (`node server/dist/main.js`) once for the whole run: PORT=0 (the OS picks
 * a free port; the server logs the URL it really listens on), a fresh temporary DATA_DIR, and a
 * snapshot of the built client/dist. Waits for `GET /readyz`, then hands the URL to the tests through
 * the environment (workers inherit it) and a state file read by global teardown.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { keepServerLog, REPO_DIR, saveServerState, serverLogFile } from './serverState.js'
import { startServerProcess } from './serverProcess.js'

function requireBuild(): void {
  const missing = [
    ['server/dist/main.js', 'npx tsc -b'],
    ['client/dist/index.html', 'pnpm --filter @overlap/client build'],
  ].filter(([file]) => !fs.existsSync(path.join(REPO_DIR, file)))
  if (missing.length > 0) {
    throw new Error(
      `e2e needs the built app; missing: ${missing.map(([f]) => f).join(', ')}.\n` +
        `Build first (from ${REPO_DIR}): ${missing.map(([, cmd]) => cmd).join(' && ')}  (or: pnpm build)`
    )
  }
}

export default async function globalSetup(): Promise<void> {
  requireBuild()
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'overlap-e2e-'))
  const dataDir = path.join(runDir, 'data')
  fs.mkdirSync(dataDir)
  // Serve a snapshot of client/dist, not the directory itself: a `vite build` started during the
  // run (it empties dist first) would otherwise turn later page loads into "client not built".
  const clientDist = path.join(runDir, 'client-dist')
  fs.cpSync(path.join(REPO_DIR, 'client/dist'), clientDist, { recursive: true })
  let server
  try {
    server = await startServerProcess({ port: 0, dataDir, clientDist, logFile: serverLogFile(runDir) })
  } catch (e) {
    keepServerLog(runDir)
    throw e
  }
  const pid = server.pid
  // Last resort if teardown never runs (runner crash): do not leave the server behind.
  process.once('exit', () => {
    try {
      process.kill(pid, 'SIGTERM')
    } catch {
      // already stopped
    }
  })
  // Do not keep the runner alive for the child; teardown stops it by pid.
  server.child.unref()
  saveServerState({ pid, baseUrl: server.baseUrl, tempDir: runDir })
}
