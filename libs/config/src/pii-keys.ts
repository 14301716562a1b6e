/**
 * The format of HOCBA_PII_KEYS, read here so that the config refuses a bad list at boot; the
 * privacy lib builds its keyring from what this answers.
 */

/** Parses `HOCBA_PII_KEYS`: `id:base64key[,id:base64key…]`, newest first. Throws naming the rule. */
export function parseKeyList(value: string): { id: string; key: Buffer }[] {
  return value.split(',').map((entry) => {
    const [id, encoded, extra] = entry.trim().split(':');
    const key = Buffer.from(encoded ?? '', 'base64');
    if (!id || !encoded || extra !== undefined || key.length !== 32 || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
      throw new Error('each entry must be <id>:<32 bytes in base64>, the id 1-32 of A-Z a-z 0-9 _ -');
    }
    return { id, key };
  });
}
