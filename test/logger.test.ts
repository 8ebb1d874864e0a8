import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, stream };
}

describe('logger (QUALITY.md: secrets never logged)', () => {
  it('redacts secret fields and token-looking strings', () => {
    const { lines, stream } = capture();
    const log = createLogger('info', stream);
    log.info(
      { slack: { botToken: 'xoxb-111-222-abc', signingSecret: 'shh' }, DATABASE_URL: 'postgres://u:pw@h/db' },
      'start',
    );
    log.info('calling with xoxb-999-888-zzz and Bearer abc.def.ghi');
    const out = lines.join('');
    for (const secret of ['xoxb-111-222-abc', 'shh', 'pw@h', 'xoxb-999-888-zzz', 'abc.def.ghi'])
      expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
    expect(out).toContain('start');
  });
});
