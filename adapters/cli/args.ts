// What every `secbot` subcommand does with its arguments, alike: `-h` or `--help` prints its usage
// (exit 0); an option it does not know, or an argument too many, is refused with the usage (exit 2),
// so a mistyped `--json` never passes for a table a script then misreads.
import { nearest } from '../../src/domain/grammar/suggest.ts';
import type { CliResult } from './workdays.ts';

export const wantsHelp = (args: readonly string[]): boolean => args.some((a) => a === '--help' || a === '-h');

/** The usage, asked for. */
export const helpResult = (usage: string): CliResult => ({ code: 0, stdout: `${usage}\n`, stderr: '' });

/** A usage error: one line saying what is wrong, then the usage. */
export const usageError = (command: string, message: string, usage: string): CliResult => ({
  code: 2,
  stdout: '',
  stderr: `secbot ${command}: ${message}\n${usage}\n`,
});

/** "unknown option --jsn; did you mean --json?" */
export function unknownOption(arg: string, options: readonly string[]): string {
  const near = nearest(arg.split('=')[0] ?? arg, options);
  return `unknown option ${arg}${near ? `; did you mean ${near}?` : ''}`;
}

/** The options a command reading a database takes besides its own. */
export const STORE_OPTIONS = ['--database-url', '--data-dir'] as const;
