import { randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so an id read aloud or typed is not mistaken. */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `<home municipality>-<10 random characters>`: the owner first, as the shard router reads it. */
export function newApplicationId(home: string): string {
  const bytes = randomBytes(10);
  let s = '';
  for (const b of bytes) s += CROCKFORD[b & 31];
  return `${home}-${s}`;
}
