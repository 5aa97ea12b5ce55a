/**
 * The `meta` keys template shapes carry. A file of their own: the board page reads them (presenting
 * order) without loading the template builder and catalogue, which only the gallery needs
 * (client/vite/boardChunks.ts keeps those out of the board's first load).
 */
export const TEMPLATE_META_KEY = 'overlapTemplate'
export const TEMPLATE_VERSION_META_KEY = 'overlapTemplateVersion'
export const HOW_TO_META_KEY = 'overlapHowTo'
/** One insertion of a template: its frames are presented and exported together, in its own order. */
export const TEMPLATE_INSTANCE_META_KEY = 'overlapTemplateInstance'
