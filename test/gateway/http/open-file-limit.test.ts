import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { autoMaxConnections, openFileLimit } from '../../../src/gateway/http/open-file-limit.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('server.maxConnections: auto', () => {
  it('reads the soft open-file limit of the process', () => {
    const file = join(tempDir(), 'limits');
    writeFileSync(file, 'Limit                     Soft Limit           Hard Limit           Units\nMax open files            4096                 1048576              files\n');
    assert.equal(openFileLimit(file), 4096);
    assert.equal(openFileLimit(join(tempDir(), 'missing')), undefined);
    const own = openFileLimit();
    assert.ok(own === undefined || own > 0);
  });

  it('keeps two descriptors per connection and room for the gateway, within 64–10,000', () => {
    assert.equal(autoMaxConnections(20_000), 9_936);
    assert.equal(autoMaxConnections(1_024), 448);
    assert.equal(autoMaxConnections(undefined), 448, 'unknown limit: assume the common 1,024');
    assert.equal(autoMaxConnections(256), 64);
    assert.equal(autoMaxConnections(1_048_576), 10_000);
  });
});
