// The Slack app manifest: the /sec command and interactivity on Bolt's one endpoint,
// only the bot scopes the adapter uses, Socket Mode off with a documented variant. No YAML dependency:
// a small reader for the subset a manifest needs (maps, lists, scalars, folded text, full-line comments);
// anything else in the file makes this test fail rather than pass unread.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

type Yaml = string | boolean | Yaml[] | { [k: string]: Yaml };
interface Line {
  indent: number;
  text: string;
}

function scalar(s: string): Yaml {
  if (s === 'true' || s === 'false') return s === 'true';
  const q = /^"(.*)"$/.exec(s);
  if (q) return JSON.parse(`"${q[1]}"`) as string;
  const sq = /^'(.*)'$/.exec(s);
  if (sq) return (sq[1] ?? '').replace(/''/g, "'");
  if (/^['{[&*!|>%@`]/.test(s)) throw new Error(`unsupported YAML scalar: ${s}`);
  return s;
}

function block(lines: Line[], at: number, indent: number): [Yaml, number] {
  const isList = lines[at]?.text.startsWith('- ');
  const list: Yaml[] = [];
  const map: Record<string, Yaml> = {};
  let i = at;
  while (i < lines.length && (lines[i] as Line).indent === indent) {
    const line = lines[i] as Line;
    if (isList !== line.text.startsWith('- ')) throw new Error(`mixed list and map at: ${line.text}`);
    if (isList) {
      // `- key: value` opens a map whose further keys sit two columns in.
      const rest = { indent: indent + 2, text: line.text.slice(2) };
      if (!/^[\w.-]+:( |$)/.test(rest.text)) {
        list.push(scalar(rest.text));
        i++;
        continue;
      }
      const [item, next] = block([...lines.slice(0, i), rest, ...lines.slice(i + 1)], i, indent + 2);
      list.push(item);
      i = next;
      continue;
    }
    const m = /^([\w.-]+):(?: (.*))?$/.exec(line.text);
    if (!m) throw new Error(`unsupported YAML line: ${line.text}`);
    const [, key = '', value] = m;
    if (value === '>-') {
      const folded: string[] = [];
      for (i++; i < lines.length && (lines[i] as Line).indent > indent; i++)
        folded.push((lines[i] as Line).text);
      map[key] = folded.join(' ');
    } else if (value !== undefined) {
      map[key] = scalar(value);
      i++;
    } else {
      const child = lines[i + 1];
      if (!child || child.indent <= indent) throw new Error(`empty value for ${key}`);
      [map[key], i] = block(lines, i + 1, child.indent);
    }
  }
  return [isList ? list : map, i];
}

function readYaml(source: string): Yaml {
  const lines = source
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.trim().startsWith('#'))
    .map((l) => ({ indent: l.length - l.trimStart().length, text: l.trim() }));
  const [doc, end] = block(lines, 0, 0);
  if (end !== lines.length) throw new Error(`unread YAML from: ${lines[end]?.text}`);
  return doc;
}

const path = join(import.meta.dirname, '..', '..', 'manifest', 'slack', 'manifest.yaml');
const source = readFileSync(path, 'utf8');
const doc = readYaml(source) as Record<string, Record<string, unknown>>;
const get = (p: string): unknown =>
  p.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], doc);

const URL = 'https://YOUR-HOST/slack/events';

describe('Slack manifest', () => {
  it('R42 names the app and its bot within Slack’s limits', () => {
    expect(get('display_information.name')).toBe('SEC Change Bot');
    expect(get('features.bot_user.display_name')).toBe('SEC Change Bot');
    expect((get('display_information.description') as string).length).toBeLessThanOrEqual(140);
    const long = get('display_information.long_description') as string;
    expect(long.length).toBeGreaterThanOrEqual(174);
    expect(long.length).toBeLessThanOrEqual(4000);
    expect(get('display_information.background_color')).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('R42 has the /sec command and interactivity on Bolt’s endpoint, with escaped mentions', () => {
    const commands = get('features.slash_commands') as Record<string, unknown>[];
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject({ command: '/sec', url: URL, should_escape: true });
    expect((commands[0]?.description as string).length).toBeGreaterThan(0);
    expect((commands[0]?.usage_hint as string).length).toBeGreaterThan(0);
    expect(get('settings.interactivity')).toEqual({ is_enabled: true, request_url: URL });
  });

  it('R81 has the Home tab and subscribes app_home_opened on Bolt’s endpoint', () => {
    expect(get('features.app_home')).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    expect(get('settings.event_subscriptions')).toEqual({
      request_url: URL,
      bot_events: ['app_home_opened'],
    });
  });

  it('R2 asks for the bot scopes the adapter uses, and no others', () => {
    const scopes = get('oauth_config.scopes.bot') as string[];
    expect(scopes).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'im:write', 'users:read', 'users:read.email']),
    );
    const reconciliation = ['channels:history', 'groups:history', 'im:history'];
    // R78: the meeting invite is uploaded as a file into the member's DM.
    const invites = ['files:write'];
    expect([...scopes].sort()).toEqual(
      [
        'commands',
        'chat:write',
        'im:write',
        'users:read',
        'users:read.email',
        ...reconciliation,
        ...invites,
      ].sort(),
    );
    expect(source).toMatch(/#.*\.ics/);
    // The history scopes are there for one reason, and the file says which.
    expect(source).toMatch(/#.*conversations\.history/);
    expect(get('oauth_config.scopes.user')).toBeUndefined();
  });

  it('R42 Socket Mode is off, with the variant documented', () => {
    expect(get('settings.socket_mode_enabled')).toBe(false);
    expect(get('settings.token_rotation_enabled')).toBe(false);
    expect(source).toMatch(/^#\s+socket_mode_enabled: true$/m);
    expect(source).toMatch(/SLACK_APP_TOKEN/);
    expect(source).toMatch(/connections:write/);
  });

  it('R42 the reader refuses YAML it does not understand rather than skipping it', () => {
    expect(() => readYaml('a: 1\n  b: 2\nc: &x 3\n')).toThrow();
    expect(readYaml('a:\n  - b: "x"\n    c: true\n  - d\n')).toEqual({ a: [{ b: 'x', c: true }, 'd'] });
  });
});
