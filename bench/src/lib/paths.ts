/** Repository paths, found from this file (it runs from bench/dist/lib). */
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
export const REPO_ROOT = path.resolve(here, '../../..')
export const BENCH_DIST = path.resolve(here, '..')
export const SERVER_MAIN = path.join(REPO_ROOT, 'server/dist/main.js')
export const CLIENT_DIST = path.join(REPO_ROOT, 'client/dist')
