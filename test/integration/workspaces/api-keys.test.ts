import { startTestServer, codeOf, type TestServer } from '../../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ apiKeyCacheSeconds: 10 }); // with cached keys, as in production: a revoked key is refused all the same
});
afterAll(() => server.close());

const JOURNEYS = '{ journeys { name } }';

describe('API keys', () => {
  it('refuse a request without a key, with a malformed key and with an unknown key as UNAUTHENTICATED', async () => {
    expect(codeOf(await server.gql(JOURNEYS))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.gql(JOURNEYS, {}, 'not-a-key'))).toBe('UNAUTHENTICATED');
    const unknown = `jg_00000000-0000-4000-8000-000000000000_${'A'.repeat(43)}`;
    expect(codeOf(await server.gql(JOURNEYS, {}, unknown))).toBe('UNAUTHENTICATED');
  });

  it('refuse a right key id with a wrong secret', async () => {
    const { adminKey } = await server.workspace();
    const tampered = adminKey.slice(0, -1) + (adminKey.endsWith('A') ? 'B' : 'A');
    expect(codeOf(await server.gql(JOURNEYS, {}, tampered))).toBe('UNAUTHENTICATED');
  });

  it('are created by an ADMIN key, shown once, stored only as a hash, listed, and refused once revoked', async () => {
    const { adminKey } = await server.workspace();
    const created = await server.gql(
      `mutation { createApiKey(input: { name: "BI dashboard", role: VIEWER }) { key apiKey { id name role revokedAt } } }`,
      {},
      adminKey,
    );
    const { key, apiKey } = created.data!.createApiKey;
    expect(key).toMatch(/^jg_[0-9a-f-]{36}_[A-Za-z0-9_-]{43}$/);
    expect(key).toContain(apiKey.id);
    expect(apiKey).toMatchObject({ name: 'BI dashboard', role: 'VIEWER', revokedAt: null });

    const secret = key.split('_').slice(2).join('_');
    const [row] = await server.dataSource.query(`SELECT * FROM api_key WHERE id = $1`, [apiKey.id]);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);

    expect((await server.gql(JOURNEYS, {}, key)).data).toEqual({ journeys: [] });

    const listed = await server.gql(`{ apiKeys { id name role } }`, {}, adminKey);
    expect(listed.data!.apiKeys.map((k: { name: string }) => k.name)).toEqual(['First admin key', 'BI dashboard']);
    expect(JSON.stringify(listed.data)).not.toContain(secret);

    const revoked = await server.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`, { id: apiKey.id }, adminKey);
    expect(revoked.data!.revokeApiKey.revokedAt).not.toBeNull();
    const refused = await server.gql(JOURNEYS, {}, key);
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors![0].message).toContain('revoked');
  });

  it('cannot be managed by a role other than ADMIN', async () => {
    const { adminKey } = await server.workspace();
    for (const role of ['EDITOR', 'FINANCE', 'VIEWER', 'INGEST']) {
      const key = await server.key(adminKey, role);
      expect(codeOf(await server.gql(`{ apiKeys { id } }`, {}, key))).toBe('FORBIDDEN');
      expect(codeOf(await server.gql(`mutation { createApiKey(input: { name: "x", role: ADMIN }) { key } }`, {}, key))).toBe(
        'FORBIDDEN',
      );
    }
  });

  it("cannot revoke another workspace's key: NOT_FOUND, and the key keeps working", async () => {
    const a = await server.workspace();
    const b = await server.workspace();
    const bViewer = await server.key(b.adminKey, 'VIEWER');
    const bKeyId = bViewer.split('_')[1];
    const res = await server.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: bKeyId }, a.adminKey);
    expect(codeOf(res)).toBe('NOT_FOUND');
    expect((await server.gql(JOURNEYS, {}, bViewer)).errors).toBeUndefined();
  });

  it('tell the caller who it is, from the key alone', async () => {
    const { id, adminKey } = await server.workspace();
    const viewer = await server.key(adminKey, 'VIEWER');
    const res = await server.gql(`{ viewer { role workspaceId partner } workspace { id currency fiscalYearStartMonth } }`, {}, viewer);
    expect(res.data).toEqual({
      viewer: { role: 'VIEWER', workspaceId: id, partner: null },
      workspace: { id, currency: 'USD', fiscalYearStartMonth: 1 },
    });
  });

  it('let an ADMIN change the workspace settings, validated', async () => {
    const { adminKey } = await server.workspace();
    const ok = await server.gql(
      `mutation { updateWorkspace(input: { currency: "EUR", fiscalYearStartMonth: 4 }) { currency fiscalYearStartMonth } }`,
      {},
      adminKey,
    );
    expect(ok.data!.updateWorkspace).toEqual({ currency: 'EUR', fiscalYearStartMonth: 4 });
    const bad = await server.gql(`mutation { updateWorkspace(input: { fiscalYearStartMonth: 13 }) { currency } }`, {}, adminKey);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions.fields).toEqual([{ path: 'fiscalYearStartMonth', message: expect.stringContaining('12') }]);
  });

  it('require a partner for a PARTNER key and refuse one for other roles', async () => {
    const { adminKey } = await server.workspace();
    const noPartner = await server.gql(`mutation { createApiKey(input: { name: "p", role: PARTNER }) { key } }`, {}, adminKey);
    expect(codeOf(noPartner)).toBe('BAD_USER_INPUT');
    expect(noPartner.errors![0].extensions.fields[0].path).toBe('partner');
    const unknown = await server.gql(
      `mutation { createApiKey(input: { name: "p", role: PARTNER, partner: "nope" }) { key } }`,
      {},
      adminKey,
    );
    expect(unknown.errors![0].extensions.fields[0].message).toContain('no partner with external id "nope"');
    const stray = await server.gql(`mutation { createApiKey(input: { name: "v", role: VIEWER, partner: "p1" }) { key } }`, {}, adminKey);
    expect(codeOf(stray)).toBe('BAD_USER_INPUT');
  });
});
