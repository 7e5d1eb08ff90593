/**
 * Browser storage for what belongs to the person signed in (a staff member's unsent report, with a
 * caller's name and phone): kept under keys that name the user, and all of it removed at sign-out,
 * so the next person at a shared computer finds none of it.
 */
const PREFIX = 'gongzhi.signed-in.';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/** The key of `name` for one user. */
export function signedInKey(userId: string, name: string): string {
  return `${PREFIX}${userId}.${name}`;
}

/** Remove everything kept for anyone signed in on this browser. */
export function clearSignedInStorage(given?: Storage): void {
  try {
    // Read inside the try: some private modes refuse even a look at localStorage.
    const store = given ?? globalThis.localStorage;
    if (!store) return;
    const keys: string[] = [];
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) store.removeItem(key);
  } catch {
    // storage refused: nothing was kept
  }
}
