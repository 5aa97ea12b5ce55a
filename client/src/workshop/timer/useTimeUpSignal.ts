import { useEffect, useMemo, useRef, useState } from 'react'
import { createBeeper } from './beep'

/**
 * The end of a run, signalled once: a beep when this page SAW the countdown reach zero (a page that
 * joins after the end shows the red "Time's up" but stays quiet), and a banner until dismissed here
 * or the facilitator resets / restarts (a new run key).
 */
export function useTimeUpSignal(done: boolean, runKey: string | null): { showBanner: boolean; dismissed: boolean; dismiss(): void } {
  const beeper = useMemo(() => createBeeper(), [])
  useEffect(() => () => beeper.dispose(), [beeper])
  const seenRunning = useRef<string | null>(null)
  const beeped = useRef<string | null>(null)
  const [dismissed, setDismissed] = useState<string | null>(null)

  useEffect(() => {
    if (runKey === null) return
    if (!done) seenRunning.current = runKey
    else if (seenRunning.current === runKey && beeped.current !== runKey) {
      beeped.current = runKey
      beeper.beep()
    }
  }, [done, runKey, beeper])

  return {
    showBanner: done && runKey !== null && dismissed !== runKey,
    dismissed: runKey !== null && dismissed === runKey,
    dismiss: () => setDismissed(runKey),
  }
}
