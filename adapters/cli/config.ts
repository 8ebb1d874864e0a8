// `secbot config` (R50): every process setting with its default and the value in force here. A SEC_*
// variable the bot does not read (a misspelt setting, whose default is then in force) is named on stderr,
// the same line the start logs (R47).
import { unknownSecVariables } from '../../src/config.ts';
import { DEFAULT_SETTINGS, SETTING_KEYS, parseSettings } from '../../src/domain/settings.ts';

export function runConfig(
  env: Record<string, string | undefined>,
  args: string[],
): { code: number; stdout: string; stderr: string } {
  const parsed = parseSettings(env);
  const warnings = unknownSecVariables(env).map((w) => `secbot config: ${w}\n`);
  if (!parsed.ok)
    return {
      code: 2,
      stdout: '',
      stderr: parsed.errors.map((e) => `secbot config: ${e}\n`).join('') + warnings.join(''),
    };
  const rows = SETTING_KEYS.map((k) => ({ key: k, default: DEFAULT_SETTINGS[k], value: parsed.settings[k] }));
  if (args.includes('--json'))
    return { code: 0, stdout: JSON.stringify(rows) + '\n', stderr: warnings.join('') };
  const width = Math.max(...SETTING_KEYS.map((k) => k.length));
  const lines = rows.map(
    (r) =>
      `${r.key.padEnd(width)}  ${String(r.value)}${r.value === r.default ? '' : `  (default ${String(r.default)})`}`,
  );
  return { code: 0, stdout: lines.join('\n') + '\n', stderr: warnings.join('') };
}
