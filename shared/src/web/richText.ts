/**
 * Plain text from tldraw's rich text (TipTap/ProseMirror JSON), without importing TipTap: the server
 * builds briefs too. Block nodes (paragraphs, headings, list items, …) become lines; `hardBreak` is a
 * newline; unknown inline nodes contribute their `text` or their children's.
 */
const INLINE_BREAK = 'hardBreak'

export function richTextToPlain(richText: unknown): string {
  const lines: string[] = []
  collectBlocks(richText, lines)
  return lines.join('\n').trim()
}

function isNode(value: unknown): value is { type?: unknown; text?: unknown; content?: unknown } {
  return typeof value === 'object' && value !== null
}

function collectBlocks(node: unknown, lines: string[]): void {
  if (!isNode(node)) return
  const children = Array.isArray(node.content) ? node.content : []
  if (node.type === 'text' || !children.some(isBlockLike)) {
    lines.push(inlineText(node))
    return
  }
  for (const child of children) collectBlocks(child, lines)
}

/** A node is block-like when it has children or is neither text nor a hard break. */
function isBlockLike(node: unknown): boolean {
  return isNode(node) && node.type !== 'text' && node.type !== INLINE_BREAK && Array.isArray(node.content)
}

function inlineText(node: unknown): string {
  if (!isNode(node)) return ''
  if (node.type === 'text') return typeof node.text === 'string' ? node.text : ''
  if (node.type === INLINE_BREAK) return '\n'
  if (!Array.isArray(node.content)) return typeof node.text === 'string' ? node.text : ''
  return node.content.map(inlineText).join('')
}
