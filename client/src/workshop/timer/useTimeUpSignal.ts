import { useEffect, useMemo, useRef, useState } from 'react'
import { createBeeper } from './beep'

/**
 * The end of a run, signalled once: a beep when this page SAW the countdown reach zero (a page that
 * joins after the end stays quiet), and whether this page dismissed this run's alarm (the banner and
 * the pulse: timerView.ts `isTimeUpAlarm`); a reset or restart is a new run key.
 */
export function useTimeUpSignal(done: boolean, runKey: string | null): { dismissed: boolean; dismiss(): void } {
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
    dismissed: runKey !== null && dismissed === runKey,
    dismiss: () => setDismissed(runKey),
  }
}
