// `secbot config` (R50): every process setting with its default and the value in force here. A SEC_*
// variable the bot does not read (a misspelt setting, whose default is then in force) is named on stderr,
// the same line the start logs (R47). The environment is checked as the start checks it (R47): a value
// the start would refuse (a web setting, a half-configured platform) is named, exit 1, not passed as
// fine by a command that shows only the settings of the rules.
import { loadConfig, unknownSecVariables } from '../../src/config.ts';
import { DEFAULT_SETTINGS, SETTING_KEYS, parseSettings } from '../../src/domain/settings.ts';
import { helpResult, unknownOption, usageError, wantsHelp } from './args.ts';

export const CONFIG_USAGE = 'usage: secbot config [--json]';

export function runConfig(
  env: Record<string, string | undefined>,
  args: string[],
): { code: number; stdout: string; stderr: string } {
  if (wantsHelp(args)) return helpResult(CONFIG_USAGE);
  const extra = args.find((a) => a !== '--json');
  if (extra !== undefined)
    return usageError(
      'config',
      extra.startsWith('-') ? unknownOption(extra, ['--json', '--help']) : `unexpected argument ${extra}`,
      CONFIG_USAGE,
    );
  const parsed = parseSettings(env);
  const warnings = unknownSecVariables(env).map((w) => `secbot config: ${w}\n`);
  if (!parsed.ok)
    return {
      code: 2,
      stdout: '',
      stderr: parsed.errors.map((e) => `secbot config: ${e}\n`).join('') + warnings.join(''),
    };
  // The rest of what the start reads (the web register, the platforms, the database), as it reads it.
  const start = loadConfig(env);
  if (!start.ok)
    return {
      code: 1,
      stdout: '',
      stderr:
        start.errors.map((e) => `secbot config: ${e}\n`).join('') +
        warnings.join('') +
        `secbot config: the bot would not start with ${start.errors.length === 1 ? 'this value' : 'these values'}\n`,
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
