import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskConnectionUrl, maskSecrets } from '../../src/audit/mask-url.js';

describe('connection URL masking', () => {
  it('hides the password and keeps the rest readable', () => {
    assert.equal(maskConnectionUrl('postgres://jaju:hunter2@db.internal:5432/ledger?sslmode=require'), 'postgres://jaju:***@db.internal:5432/ledger?sslmode=require');
    assert.equal(maskConnectionUrl('postgres://jaju@db/ledger'), 'postgres://jaju@db/ledger');
    assert.equal(maskConnectionUrl('postgres://db/ledger?password=hunter2&x=1'), 'postgres://db/ledger?password=***&x=1');
  });

  it('hides passwords with unencoded @, / or : in them', () => {
    for (const password of ['p@ss', 'a/b:c', 'x@y@z']) {
      const masked = maskConnectionUrl(`postgres://jaju:${password}@db:5432/ledger`);
      assert.ok(!masked.includes(password), masked);
      assert.match(masked, /^postgres:\/\/jaju:\*\*\*@/);
    }
  });

  it('removes the password, raw or decoded, from any message', () => {
    const url = 'postgres://jaju:p%40ss%21@db/ledger';
    assert.equal(maskSecrets(`cannot connect to ${url}: bad password p@ss! for jaju`, url), 'cannot connect to postgres://jaju:***@db/ledger: bad password *** for jaju');
  });
});
