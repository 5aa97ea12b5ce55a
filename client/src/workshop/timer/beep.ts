/**
 * The "time's up" beep, through WebAudio. Browsers block audio until the page has had a user gesture
 * (and some have no AudioContext at all): the beep is a nicety, so it never throws.
 */
export interface Beeper {
  beep(): void
  dispose(): void
}

type AudioContextFactory = () => AudioContext | null

const defaultFactory: AudioContextFactory = () => {
  const Ctor = globalThis.AudioContext ?? (globalThis as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext
  return Ctor ? new Ctor() : null
}

export function createBeeper(createContext: AudioContextFactory = defaultFactory): Beeper {
  let ctx: AudioContext | null = null
  return {
    beep() {
      try {
        ctx ??= createContext()
        if (!ctx) return
        if (ctx.state === 'suspended') void ctx.resume().catch(() => {})
        // Three short 880 Hz pips, gently enveloped so they do not click.
        const t0 = ctx.currentTime
        for (let i = 0; i < 3; i++) {
          const start = t0 + i * 0.25
          const osc = ctx.createOscillator()
          const gain = ctx.createGain()
          osc.frequency.value = 880
          gain.gain.setValueAtTime(0.0001, start)
          gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02)
          gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.18)
          osc.connect(gain).connect(ctx.destination)
          osc.start(start)
          osc.stop(start + 0.2)
        }
      } catch {
        // Blocked or unsupported audio: the red display and the banner still say it.
      }
    },
    dispose() {
      try {
        void ctx?.close().catch(() => {})
      } catch {
        // already closed
      }
      ctx = null
    },
  }
}
