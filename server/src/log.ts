/**
 * Structured logs: one JSON object per line (`time`, `level`, `msg`, then context fields such as
 * `boardId`, `connId`). Injected everywhere so tests can capture or silence it.
 */
import type { LogLevel } from './config.js'

export type LogFields = Record<string, unknown>

export interface Logger {
  debug(msg: string, fields?: LogFields): void
  info(msg: string, fields?: LogFields): void
  warn(msg: string, fields?: LogFields): void
  error(msg: string, fields?: LogFields): void
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export interface CreateLoggerOptions {
  level: LogLevel
  /** Where lines go; defaults to stdout. */
  write?: (line: string) => void
  now?: () => number
}

export function createLogger({
  level,
  write = (line) => process.stdout.write(line),
  now = Date.now,
}: CreateLoggerOptions): Logger {
  const make = (base: LogFields): Logger => {
    const emit = (lvl: LogLevel, msg: string, fields?: LogFields) => {
      if (RANK[lvl] < RANK[level]) return
      const entry = { time: new Date(now()).toISOString(), level: lvl, msg, ...base, ...fields }
      write(JSON.stringify(entry, errorReplacer) + '\n')
    }
    return {
      debug: (m, f) => emit('debug', m, f),
      info: (m, f) => emit('info', m, f),
      warn: (m, f) => emit('warn', m, f),
      error: (m, f) => emit('error', m, f),
      child: (fields) => make({ ...base, ...fields }),
    }
  }
  return make({})
}

/** Errors serialise to `{}` by default; keep their message and stack. */
function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack }
  return value
}

/** A logger that drops everything (tests that do not inspect logs). */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
}
