import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { HocbaConfig, parseKeyList } from '@hocba/config';
import { Keyring } from './keyring';

/**
 * The keyring of this deployment: HOCBA_PII_KEYS (newest first), then any key kept in the database
 * (the embedded default, table pii_key), which therefore still opens what it sealed after keys are
 * configured. The learners' CCCDs are re-sealed under a new key by the program (LearnersService.rekey).
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
        'HOCBA_PII_KEYS is unset: CCCDs are sealed with a key kept in the database itself; set HOCBA_PII_KEYS in production (docs/operations.md, "Access and personal data")',
      );
    if (keys.length === 0) {
      throw new Error(
        'No key for personal data: set HOCBA_PII_KEYS (the keys the database was migrated with)',
      );
    }
    return new Keyring(keys);
  }
}
