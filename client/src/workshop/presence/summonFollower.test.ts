import { atom } from 'tldraw'
import { describe, expect, it } from 'vitest'
import type { SummonTarget } from './summonDecision'
import { createSummonFollower, type FollowingEditor } from './summonFollower'

/** tldraw's follow as far as the follower sees it: following needs the leader's presence. */
function fakeEditor() {
  const $collaborators = atom<{ userId: string }[]>('collaborators', [])
  const $following = atom<string | null>('following', null)
  const listeners = new Set<() => void>()
  const editor = {
    getCollaborators: () => $collaborators.get(),
    getInstanceState: () => ({ followingUserId: $following.get() }),
    startFollowingUser(id: string) {
      editor.stopFollowingUser()
      if ($collaborators.get().some((c) => c.userId === id)) $following.set(id)
      return editor
    },
    stopFollowingUser() {
      $following.set(null)
      for (const cb of [...listeners]) cb()
      return editor
    },
    on: (_: 'stop-following', cb: () => void) => listeners.add(cb),
    off: (_: 'stop-following', cb: () => void) => listeners.delete(cb),
  }
  return {
    editor: editor as unknown as FollowingEditor,
    following: () => $following.get(),
    setPresent: (...userIds: string[]) => $collaborators.set(userIds.map((id) => ({ userId: `user:${id}` }))),
    /** What tldraw does when the user pans or zooms while following. */
    userPans: () => editor.stopFollowingUser(),
    followManually: (userId: string) => editor.startFollowingUser(`user:${userId}`),
  }
}

const target = (summonId: string, leaderUserId = 'fay'): SummonTarget => ({ summonId, leaderUserId, leaderClientId: 1, leaderName: 'Fay', presenting: null })
const settle = () => new Promise((r) => setTimeout(r, 0))

function setup() {
  const fake = fakeEditor()
  const $target = atom<SummonTarget | null>('target', null)
  const brokeAway: string[] = []
  // As workshopPresence does: a summon broken away from is no longer the target.
  const onBreakAway = (id: string) => {
    brokeAway.push(id)
    if ($target.get()?.summonId === id) $target.set(null)
  }
  const follower = createSummonFollower({ editor: fake.editor, $target, onBreakAway })
  return { fake, $target, brokeAway, follower }
}

describe('[WS12] createSummonFollower', () => {
  it("follows the summoning facilitator, once their presence is here", async () => {
    const { fake, $target, follower } = setup()
    $target.set(target('s1'))
    await settle()
    expect(fake.following()).toBeNull() // no presence yet: nothing to follow
    fake.setPresent('fay')
    await settle()
    expect(fake.following()).toBe('user:fay')
    follower.dispose()
    expect(fake.following()).toBeNull()
  })

  it('panning (tldraw stops following) while the leader is here is breaking away: reported once, not followed again', async () => {
    const { fake, $target, brokeAway, follower } = setup()
    fake.setPresent('fay')
    $target.set(target('s1'))
    await settle()
    fake.userPans()
    await settle()
    expect(brokeAway).toEqual(['s1'])
    expect(fake.following()).toBeNull()
    follower.dispose()
  })

  it('following someone else from the people panel also breaks away', async () => {
    const { fake, $target, brokeAway, follower } = setup()
    fake.setPresent('fay', 'al')
    $target.set(target('s1'))
    await settle()
    fake.followManually('al')
    await settle()
    expect(brokeAway).toEqual(['s1'])
    expect(fake.following()).toBe('user:al')
    follower.dispose()
  })

  it("the leader's presence dropping out is not breaking away: following resumes when it is back", async () => {
    const { fake, $target, brokeAway, follower } = setup()
    fake.setPresent('fay')
    $target.set(target('s1'))
    await settle()
    fake.setPresent()
    fake.userPans() // tldraw stops following a leader it cannot find
    await settle()
    expect(brokeAway).toEqual([])
    fake.setPresent('fay')
    await settle()
    expect(fake.following()).toBe('user:fay')
    follower.dispose()
  })

  it('the Break away button stops following and reports the summon id; our own stop is not reported twice', async () => {
    const { fake, $target, brokeAway, follower } = setup()
    fake.setPresent('fay')
    $target.set(target('s1'))
    await settle()
    follower.breakAway()
    expect(fake.following()).toBeNull()
    expect(brokeAway).toEqual(['s1'])
    follower.dispose()
  })

  it("when the summon ends, stops following its leader but never someone the user chose", async () => {
    const { fake, $target, follower } = setup()
    fake.setPresent('fay', 'al')
    $target.set(target('s1'))
    await settle()
    $target.set(null)
    await settle()
    expect(fake.following()).toBeNull()

    $target.set(target('s2'))
    await settle()
    expect(fake.following()).toBe('user:fay')
    $target.set(null)
    fake.followManually('al') // between the end of the summon and the follower noticing
    await settle()
    expect(fake.following()).toBe('user:al')
    follower.dispose()
  })
})
