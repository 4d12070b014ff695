import { useSyncExternalStore } from 'react';
import { z } from '../shared/zod';
import { UserSchema } from '../sync/presence';

/**
 * Who this browser's person is on shared boards: their name, asked when someone else is on the board
 * (or when they share it) and remembered in localStorage, and the colour they last wore (kept when
 * nobody else on a board wears it). The role is not the person's to say: it comes from each board's link.
 */
export const ProfileSchema = z.object({ name: UserSchema.shape.name, color: z.optional(UserSchema.shape.color) });
export type Profile = z.infer<typeof ProfileSchema>;

const KEY = 'mldb.profile';
const listeners = new Set<() => void>();
let cache: Profile | null | undefined;

export function readProfile(): Profile | null {
  if (cache !== undefined) return cache;
  try {
    const parsed = ProfileSchema.safeParse(JSON.parse(localStorage.getItem(KEY) ?? 'null'));
    cache = parsed.success ? parsed.data : null;
  } catch {
    cache = null;
  }
  return cache;
}

export function saveProfile(profile: Profile): void {
  cache = ProfileSchema.parse(profile);
  try {
    localStorage.setItem(KEY, JSON.stringify(cache));
  } catch {
    // Storage full or disabled: the profile lasts for this page.
  }
  for (const listener of listeners) listener();
}

export function useProfile(): Profile | null {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, readProfile);
}
