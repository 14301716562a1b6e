import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { DiscoveryService, NestFactory } from '@nestjs/core';
import request from 'supertest';
import { OnCompleted } from '@hocba/progress';
import { CliModule } from '../apps/cli/src/cli.module';
import { runCommand, UsageError } from '../apps/cli/src/commands';
import { startTestApp, type TestApp } from './support/test-app';

/** The operators' commands, on the same database as a running API. */
describe('operator CLI', () => {
  let t: TestApp;
  let cli: INestApplicationContext;
  beforeAll(async () => {
    t = await startTestApp();
    // startTestApp pointed DATABASE_URL at the test's database; the CLI reads it the same way.
    cli = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  });
  afterAll(async () => {
    await cli?.close();
    await t?.close();
  });

  it('creates a coordinator whose generated password logs in, scoped to the province named', async () => {
    const out = (await runCommand(cli, [
      'users',
      'create',
      '--username',
      'cb-khanh-hoa',
      '--role',
      'coordinator',
      '--province',
      'Khánh Hoà',
    ])) as { password: string; provinceIds: string[] };
    expect(out.provinceIds).toEqual(['current:khanh-hoa']);
    const login = await request(t.url)
      .post('/api/v1/auth/login')
      .send({ username: 'cb-khanh-hoa', password: out.password })
      .expect(200);
    expect(login.body.accessToken).toEqual(expect.any(String));
  });

  it('creates an LRS client whose key and secret the xAPI accepts', async () => {
    const { key, secret } = (await runCommand(cli, [
      'lrs-clients',
      'create',
      '--name',
      'OneTouch',
      '--scope',
      'statements/read',
    ])) as { key: string; secret: string };
    await request(t.url)
      .get('/xapi/statements')
      .set('X-Experience-API-Version', '1.0.3')
      .set('Authorization', `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`)
      .expect(200);
  });

  it('imports central agencies and other spellings of provinces from a CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hocba-cli-'));
    const file = join(dir, 'units.csv');
    writeFileSync(
      file,
      '\uFEFFTên,Loại,Tên khác\r\nHọc viện Chính trị quốc gia Hồ Chí Minh,agency,HVCTQG; Học viện Chính trị\r\nKhánh Hòa,tỉnh,Xứ Trầm Hương\r\n',
    );
    expect(await runCommand(cli, ['units', 'import', file])).toEqual({
      rows: 2,
      agenciesAdded: 1,
      aliasesAdded: 1,
    });
    // Idempotent: nothing new the second time.
    expect(await runCommand(cli, ['units', 'import', file])).toEqual({
      rows: 2,
      agenciesAdded: 0,
      aliasesAdded: 0,
    });
    const agencies = (await runCommand(cli, ['units', 'list', '--era', 'agencies'])) as { name: string }[];
    expect(agencies.map((a) => a.name)).toContain('Học viện Chính trị quốc gia Hồ Chí Minh');
    const admin = (await runCommand(cli, [
      'users',
      'create',
      '--username',
      'admin2',
      '--role',
      'national-admin',
      '--password',
      'mat-khau-quan-tri-2026',
    ])) as object;
    expect(admin).not.toHaveProperty('password');
    const token = (
      await request(t.url)
        .post('/api/v1/auth/login')
        .send({ username: 'admin2', password: 'mat-khau-quan-tri-2026' })
        .expect(200)
    ).body.accessToken as string;
    await request(t.url)
      .post('/api/v1/courses')
      .set('Authorization', `Bearer ${token}`)
      .send({
        code: 'c1',
        title: 'c1',
        activityId: 'https://mooc.example.vn/c1',
        completion: { moveOn: 'Completed' },
      })
      .expect(201);
    const cohort = await request(t.url)
      .post('/api/v1/cohorts')
      .set('Authorization', `Bearer ${token}`)
      .send({ code: 'k1', title: 'k1', courseCode: 'c1', province: 'xứ trầm hương' })
      .expect(201);
    expect(cohort.body.province).toBe('Khánh Hòa');
  });

  it('scopes an LRS client to the program’s courses (the LRS asks the program’s catalog), and refuses an unknown code', async () => {
    await runCommand(cli, [
      'users',
      'create',
      '--username',
      'admin3',
      '--role',
      'national-admin',
      '--password',
      'mat-khau-quan-tri-2027',
    ]);
    const token = (
      await request(t.url)
        .post('/api/v1/auth/login')
        .send({ username: 'admin3', password: 'mat-khau-quan-tri-2027' })
        .expect(200)
    ).body.accessToken as string;
    await request(t.url)
      .post('/api/v1/courses')
      .set('Authorization', `Bearer ${token}`)
      .send({
        code: 'KNS-CLI',
        title: 'Kỹ năng số',
        activityId: 'https://mooc.example.vn/kns-cli',
        completion: { moveOn: 'Completed' },
      })
      .expect(201);
    const scoped = (await runCommand(cli, [
      'lrs-clients',
      'create',
      '--name',
      'Nền tảng KNS',
      '--scope',
      'statements/write',
      '--course',
      'kns-cli',
    ])) as { courses: string[] };
    expect(scoped.courses).toEqual(['KNS-CLI']);
    await expect(
      runCommand(cli, ['lrs-clients', 'create', '--name', 'x', '--scope', 'all', '--course', 'khong-co']),
    ).rejects.toThrow(/no course has the code "khong-co"/);
  });

  it('holds the certificates’ @OnCompleted hook, so that its progress rebuild requests the certificates of the seats it completes', () => {
    const hooks = cli.get(DiscoveryService).getProviders({ metadataKey: OnCompleted.KEY });
    expect(hooks.map((h) => h.name)).toEqual(['AutomaticCertificates']);
  });

  it('refuses a bad command line with the rule broken', async () => {
    await expect(runCommand(cli, ['users', 'create', '--username', 'x', '--role', 'king'])).rejects.toThrow(
      UsageError,
    );
    await expect(
      runCommand(cli, ['lrs-clients', 'create', '--name', 'x', '--scope', 'everything']),
    ).rejects.toThrow(/--scope must be given/);
    await expect(runCommand(cli, ['reports'])).rejects.toThrow(/unknown command "reports"/);
  });
});
