import { Client } from 'pg';

describe('trackflow schema built by migrations', () => {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it('puts workspace_id on every customer table', async () => {
    const { rows } = await client.query<{ table_name: string; has_workspace: boolean }>(`
      SELECT t.table_name,
             EXISTS (SELECT 1 FROM information_schema.columns c
                     WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'workspace_id') AS has_workspace
      FROM information_schema.tables t WHERE t.table_schema = 'trackflow' ORDER BY 1`);
    expect(rows.length).toBeGreaterThan(0);
    const missing = rows.filter((row) => row.table_name !== 'workspace' && !row.has_workspace).map((row) => row.table_name);
    expect(missing).toEqual([]);
  });
});
