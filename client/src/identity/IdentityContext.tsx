import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import { createIdentityStorage, type Identity } from './identityStore'
import { IdentityDialog } from './IdentityDialog'

interface IdentityContextValue {
  /** Null until the user has chosen a name on this device. */
  identity: Identity | null
  setIdentity(identity: Identity): void
  /** Opens the name/colour dialog (the "edit identity" button). */
  editIdentity(): void
}

const IdentityContext = createContext<IdentityContextValue | null>(null)

/**
 * Holds the identity for the whole app and shows the dialog on first visit (no stored identity, or
 * one without a side) or when asked to edit it.
 */
export function IdentityProvider({ children }: { children: ReactNode }) {
  const storage = useMemo(() => createIdentityStorage(), [])
  const [identity, setIdentityState] = useState<Identity | null>(() => storage.load())
  const [editing, setEditing] = useState(false)

  const setIdentity = useCallback(
    (next: Identity) => {
      storage.save(next)
      setIdentityState(next)
    },
    [storage]
  )
  const editIdentity = useCallback(() => setEditing(true), [])
  const value = useMemo(() => ({ identity, setIdentity, editIdentity }), [identity, setIdentity, editIdentity])

  return (
    <IdentityContext.Provider value={value}>
      {children}
      {/* An identity from before sides existed is asked once for its side ([A9]). */}
      {(identity === null || identity.side === undefined || editing) && (
        <IdentityDialog
          initial={identity}
          canCancel={identity?.side !== undefined}
          onCancel={() => setEditing(false)}
          onSave={(next) => {
            setIdentity(next)
            setEditing(false)
          }}
        />
      )}
    </IdentityContext.Provider>
  )
}

export function useIdentity(): IdentityContextValue {
  const ctx = useContext(IdentityContext)
  if (!ctx) throw new Error('useIdentity must be used inside <IdentityProvider>')
  return ctx
}
