// Each hostile input the probe of issue 15 (finding 6) turned into a 500, now a 4xx in
// OpenAI's error shape, on SQLite and on PostgreSQL (where NUL breaks text columns). And
// the other side: bodies just inside the limits still work.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { errorOf, httpRequest, type RawResponse } from './helpers/http-request.js';
import { FUZZ_MASTER_KEY, startFuzzGateway, type FuzzGateway } from './helpers/fuzz-gateway.js';

/** `objects` objects, each inside the last: as a field's value they sit at levels 2 to objects + 1. */
const nest = (objects: number): string => `${'{"a":'.repeat(objects)}1${'}'.repeat(objects)}`;

for (const backendName of ['sqlite', 'postgres'] as const) {
  describe(`hostile input is a 4xx (${backendName})`, () => {
    let fuzz: FuzzGateway | string;
    before(async () => {
      fuzz = await startFuzzGateway(backendName);
    });
    after(async () => {
      if (typeof fuzz !== 'string') await fuzz.close();
    });

    const call = async (t: { skip(reason: string): void }, method: string, path: string, body?: string, key = FUZZ_MASTER_KEY): Promise<RawResponse | undefined> => {
      if (typeof fuzz === 'string') {
        t.skip(`PostgreSQL not reachable: ${fuzz}`);
        return undefined;
      }
      return httpRequest(`${fuzz.url}${path}`, { method, body, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' } });
    };
    const refused = (response: RawResponse | undefined, status: number, code: string): void => {
      if (response === undefined) return;
      assert.equal(response.status, status, response.text);
      assert.equal(errorOf(response).code, code, response.text);
    };

    it('NUL in a query value reaching the store: 400', async (t) => {
      refused(await call(t, 'GET', '/user/info?user_id=a%00b'), 400, 'invalid_value');
      refused(await call(t, 'GET', '/spend/logs?user_id=%00'), 400, 'invalid_value');
    });

    it('NUL in a body string or key reaching the store: 400', async (t) => {
      refused(await call(t, 'POST', '/user/new', JSON.stringify({ user_id: 'a\u0000b' })), 400, 'invalid_value');
      refused(await call(t, 'POST', '/team/new', JSON.stringify({ metadata: { 'k\u0000': 1 } })), 400, 'invalid_value');
      refused(await call(t, 'POST', '/customer/delete', JSON.stringify({ user_ids: ['x\u0000'] })), 400, 'invalid_value');
    });

    it('paging numbers that are not whole numbers in range: 400 (limit=-5, limit=1.5, page=1e21)', async (t) => {
      for (const query of ['limit=-5', 'limit=1.5', 'limit=0', 'limit=10001']) refused(await call(t, 'GET', `/spend/logs?${query}`), 400, 'invalid_value');
      refused(await call(t, 'GET', '/key/list?page=1e21'), 400, 'invalid_value');
      refused(await call(t, 'GET', '/user/list?page=99999999999999999999&page_size=25'), 400, 'invalid_value');
      const fine = await call(t, 'GET', '/user/list?page=2&page_size=25');
      if (fine !== undefined) assert.equal(fine.status, 200, fine.text);
    });

    it('dates outside years 1 to 9999, or not dates: 400', async (t) => {
      refused(await call(t, 'GET', '/spend/logs?start_date=%2B275760-09-13'), 400, 'invalid_value');
      refused(await call(t, 'GET', '/audit?end_date=2026-13-45'), 400, 'invalid_value');
      const fine = await call(t, 'GET', '/audit?start_date=2026-01-31&end_date=2026-02-01T10:00:00Z');
      if (fine !== undefined) assert.equal(fine.status, 200, fine.text);
    });

    it('a duration past 100 years: 400 (duration "300000000d")', async (t) => {
      refused(await call(t, 'POST', '/key/generate', JSON.stringify({ duration: '300000000d' })), 400, 'invalid_value');
      refused(await call(t, 'POST', '/team/new', JSON.stringify({ budget_duration: `${'9'.repeat(400)}s` })), 400, 'invalid_value');
      const fine = await call(t, 'POST', '/key/generate', JSON.stringify({ duration: '36500d', budget_duration: '1200mo' }));
      if (fine !== undefined) assert.equal(fine.status, 200, fine.text);
    });

    it('JSON nested 4,000 deep in metadata, tool parameters or json_schema: 400 nesting_too_deep', async (t) => {
      refused(await call(t, 'POST', '/key/generate', `{"metadata":${nest(4000)}}`), 400, 'nesting_too_deep');
      const chat = (extra: string): string => `{"model":"gpt-a","messages":[{"role":"user","content":"hi"}],${extra}}`;
      refused(await call(t, 'POST', '/v1/chat/completions', chat(`"tools":[{"type":"function","function":{"name":"f","parameters":${nest(4000)}}}]`)), 400, 'nesting_too_deep');
      refused(
        await call(t, 'POST', '/v1/chat/completions', chat(`"response_format":{"type":"json_schema","json_schema":{"name":"s","schema":${nest(4000)}}}`)),
        400,
        'nesting_too_deep',
      );
      refused(await call(t, 'POST', '/v1/chat/completions', chat(`"metadata":${nest(100_000)}`)), 400, 'nesting_too_deep');
      // 64 levels counting the body itself is the limit, and it passes; 65 does not.
      const atLimit = await call(t, 'POST', '/key/generate', `{"metadata":${nest(63)}}`);
      if (atLimit !== undefined) assert.equal(atLimit.status, 200, atLimit.text);
      refused(await call(t, 'POST', '/key/generate', `{"metadata":${nest(64)}}`), 400, 'nesting_too_deep');
      refused(await call(t, 'POST', '/key/generate', `{"metadata":[${'['.repeat(63)}${']'.repeat(63)}]}`), 400, 'nesting_too_deep');
    });

    it('a repeated model_info.id on /model/new: 409', async (t) => {
      if (typeof fuzz === 'string') return t.skip(`PostgreSQL not reachable: ${fuzz}`);
      const body = JSON.stringify({ model_name: 'again', litellm_params: { model: 'openai/gpt-4o-mini', api_base: fuzz.fixture.apiBase }, model_info: { id: 'twice' } });
      const first = await call(t, 'POST', '/model/new', body);
      assert.equal(first?.status, 200, first?.text);
      refused(await call(t, 'POST', '/model/new', body), 409, 'model_id_exists');
      // An id the config already serves is taken too.
      refused(
        await call(t, 'POST', '/model/new', JSON.stringify({ model_name: 'x', litellm_params: { model: 'openai/gpt-4o-mini' }, model_info: { id: fuzz.fixture.modelId } })),
        409,
        'model_id_exists',
      );
    });

    it('900 KB ids: 400, and 256 characters still work', async (t) => {
      refused(await call(t, 'POST', '/user/new', JSON.stringify({ user_id: 'u'.repeat(900_000) })), 400, 'invalid_value');
      refused(await call(t, 'POST', '/team/member_add', JSON.stringify({ team_id: 'fuzz-team', member: { user_id: 'm'.repeat(300), role: 'user' } })), 400, 'invalid_value');
      refused(await call(t, 'GET', `/team/info?team_id=${'t'.repeat(2000)}`), 400, 'invalid_value');
      const fine = await call(t, 'POST', '/user/new', JSON.stringify({ user_id: 'u'.repeat(256), auto_create_key: false }));
      if (fine !== undefined) assert.equal(fine.status, 200, fine.text);
    });

    it('counts past what a bigint column holds exactly: 400', async (t) => {
      refused(await call(t, 'POST', '/key/generate', JSON.stringify({ rpm_limit: 1e21 })), 400, 'invalid_value');
      refused(await call(t, 'POST', '/key/generate', '{"max_budget":1e400}'), 400, 'invalid_type');
    });
  });
}
