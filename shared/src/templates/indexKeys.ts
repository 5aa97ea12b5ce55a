/**
 * Fractional index keys (tldraw's `IndexKey`, the `fractional-indexing` format) for shapes appended
 * above existing ones, without depending on @tldraw/utils: an integer key is a head letter giving the
 * digit count ('a' = 1 digit, 'b' = 2, …) followed by base-62 digits. Incrementing the integer part
 * of the highest existing key gives a key above it; we never need keys between two others.
 */
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

function integerPart(key: string): string | null {
  const head = key[0]
  if (!head || head < 'a' || head > 'z') return null
  const len = head.charCodeAt(0) - 'a'.charCodeAt(0) + 2
  return key.length >= len ? key.slice(0, len) : null
}

/** The smallest integer key above `key` (`'a1'` → `'a2'`, `'az'` → `'b00'`, `'a1V'` → `'a2'`). */
export function integerKeyAbove(key: string | null | undefined): string {
  // Negative heads ('A'…'Z') and absent keys: 'a1' is above every negative key.
  const int = key ? integerPart(key) : null
  if (!int) return 'a1'
  const digits = int.slice(1).split('')
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = DIGITS.indexOf(digits[i])
    if (d < DIGITS.length - 1) {
      digits[i] = DIGITS[d + 1]
      return int[0] + digits.join('')
    }
    digits[i] = '0'
  }
  if (int[0] === 'z') throw new Error('index key space exhausted')
  return String.fromCharCode(int.charCodeAt(0) + 1) + '0'.repeat(digits.length + 1)
}

/** `count` increasing integer keys, all above `after` (or starting at 'a1'). */
export function indexKeysAbove(after: string | null | undefined, count: number): string[] {
  const keys: string[] = []
  let k = after ? integerKeyAbove(after) : 'a1'
  for (let i = 0; i < count; i++) {
    keys.push(k)
    k = integerKeyAbove(k)
  }
  return keys
}
