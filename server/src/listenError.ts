/**
 * What to tell the operator when the server cannot listen: the variable to change, not a stack
 * trace. Null for errors that are not about the address (those stay fatal with their stack).
 */
export function describeListenError(err: unknown, host: string, port: number): string | null {
  const code = (err as { code?: unknown } | null)?.code
  const where = `cannot listen on ${host}:${port}`
  switch (code) {
    case 'EADDRINUSE':
      return `${where}: the port is already in use (another Overlap server?). Stop that program, or set PORT to a free port.`
    case 'EACCES':
      return `${where}: permission denied (ports below 1024 need privileges). Set PORT to 1024 or above.`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return `${where}: HOST is not a name this machine can resolve. Set HOST to 127.0.0.1 (this machine only), 0.0.0.0 (every interface) or one of its addresses.`
    case 'EADDRNOTAVAIL':
      return `${where}: HOST is not an address of this machine. Set HOST to 127.0.0.1 (this machine only), 0.0.0.0 (every interface) or one of its addresses.`
    default:
      return null
  }
}
