// `secbot config` (R50): every process setting with its default and the value in force here, then the
// rest of what the start reads (config-start.ts). A SEC_*
// variable the bot does not read (a misspelt setting, whose default is then in force) is named on stderr,
// the same line the start logs (R47). The environment is checked as the start checks it (R47): a value
// the start would refuse (a web setting, a half-configured platform) is named, exit 1, not passed as
// fine by a command that shows only the settings of the rules.
import { loadConfig, unknownSecVariables } from '../../src/config.ts';
import { DEFAULT_SETTINGS, SETTING_KEYS, parseSettings } from '../../src/domain/settings.ts';
import { startRows, startSummary } from './config-start.ts';
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
  const warnings = unknownSecVariables(env).map((w) => `secbot config: ${w}\n`);
  // Everything the start reads (the settings, the web register, the platforms, the database), as it
  // reads it: a bad setting is refused the same way as a bad port.
  const loaded = loadConfig(env);
  const parsed = parseSettings(env);
  if (!loaded.ok || !parsed.ok)
    return {
      code: 1,
      stdout: '',
      stderr:
        (loaded.ok ? [] : loaded.errors).map((e) => `secbot config: ${e}\n`).join('') +
        warnings.join('') +
        `secbot config: the bot would not start with ${!loaded.ok && loaded.errors.length === 1 ? 'this value' : 'these values'}\n`,
    };
  const rows = SETTING_KEYS.map((k) => ({ key: k, default: DEFAULT_SETTINGS[k], value: parsed.settings[k] }));
  const start = startRows(env, loaded.config);
  if (args.includes('--json'))
    return { code: 0, stdout: JSON.stringify([...rows, ...start]) + '\n', stderr: warnings.join('') };
  const width = Math.max(...[...rows, ...start].map((r) => r.key.length));
  // The default is named beside a value that is not it: a setting given another value, a variable set.
  const line = (r: { key: string; value: unknown; default: unknown }, changed: boolean) =>
    `${r.key.padEnd(width)}  ${String(r.value)}${changed ? `  (default ${String(r.default)})` : ''}`;
  const text = [
    ...rows.map((r) => line(r, r.value !== r.default)),
    '',
    '# What the start also reads (secrets only say whether they are set):',
    ...start.map((r) => line(r, r.set)),
    '',
    ...startSummary(loaded.config),
  ];
  return { code: 0, stdout: text.join('\n') + '\n', stderr: warnings.join('') };
}
