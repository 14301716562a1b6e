import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { HocbaConfig, parseKeyList } from '@hocba/config';
import { Keyring } from './keyring';

/**
 * The keyring of this deployment: HOCBA_PII_KEYS (newest first), then any key kept in the database
 * (the embedded default), which therefore still opens what it sealed after keys are configured.
 */
@Injectable()
export class PersonalDataKeys implements OnApplicationBootstrap {
  private readonly logger = new Logger(PersonalDataKeys.name);
  private ring?: Promise<Keyring>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: HocbaConfig,
  ) {}

  /** Loaded at boot, so a caller inside a transaction never waits on a second connection (PGlite has one backend). */
  async onApplicationBootstrap(): Promise<void> {
    await this.keyring();
  }

  /** `m`: the transaction a caller is in, used if the keys are not loaded yet. */
  keyring(m?: EntityManager): Promise<Keyring> {
    this.ring ??= this.load(m).catch((error: unknown) => {
      this.ring = undefined;
      throw error;
    });
    return this.ring;
  }

  /**
   * Rotation: re-seals and re-hashes, under the current key, every CCCD sealed with another one, a
   * thousand learners per transaction. Safe to run while the service runs (lookups try every key).
   */
  async rekey(): Promise<{ learners: number }> {
    const ring = await this.keyring();
    let learners = 0;
    for (;;) {
      const done = await this.dataSource.transaction(async (m) => {
        const rows: { id: string; national_id_sealed: string }[] = await m.query(
          `SELECT id, national_id_sealed FROM learner
            WHERE national_id_hash IS NOT NULL AND split_part(national_id_hash, '.', 1) <> $1
            ORDER BY id LIMIT 1000 FOR UPDATE SKIP LOCKED`,
          [ring.currentId],
        );
        if (rows.length === 0) return 0;
        const clear = rows.map((r) => ring.open(r.national_id_sealed));
        await m.query(
          `UPDATE learner l SET national_id_hash = v.h, national_id_sealed = v.s
             FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, h, s) WHERE l.id = v.id`,
          [rows.map((r) => r.id), clear.map((c) => ring.hash(c)), clear.map((c) => ring.seal(c))],
        );
        return rows.length;
      });
      if (done === 0) return { learners };
      learners += done;
    }
  }

  private async load(m?: EntityManager): Promise<Keyring> {
    const configured = this.config.HOCBA_PII_KEYS ? parseKeyList(this.config.HOCBA_PII_KEYS) : [];
    const stored: { id: string; key: string }[] = await (m ?? this.dataSource).query(
      `SELECT id, key FROM pii_key ORDER BY created_at DESC`,
    );
    const keys = [
      ...configured,
      ...stored
        .filter((s) => !configured.some((c) => c.id === s.id))
        .map((s) => ({ id: s.id, key: Buffer.from(s.key, 'base64') })),
    ];
    if (configured.length === 0 && this.config.DATABASE_URL)
      this.logger.warn(
        'HOCBA_PII_KEYS is unset: CCCDs are sealed with a key kept in the database itself; set HOCBA_PII_KEYS in production (README, "Access and personal data")',
      );
    if (keys.length === 0) {
      throw new Error(
        'No key for personal data: set HOCBA_PII_KEYS (the keys the database was migrated with)',
      );
    }
    return new Keyring(keys);
  }
}
