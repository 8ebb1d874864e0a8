// The `secbot` command line: a dispatcher on the first argument. Handlers are loaded on demand so a
// quick command like `workdays` does not pay for opening the database or the chat adapters.

type Handler = (args: string[]) => Promise<number>;

interface Command {
  summary: string;
  run: Handler;
}

/** The marks around a command in a core text (src/views/hints.ts cmd): the CLI shows commands bare. */
const bare = (text: string): string => text.replace(/\u2063/g, '');

function emit(r: { code: number; stdout: string; stderr: string }): number {
  if (r.stdout) process.stdout.write(bare(r.stdout));
  if (r.stderr) process.stderr.write(bare(r.stderr));
  return r.code;
}

// Further subcommands (migrate, script, register, audit, people, config) are added here.
const COMMANDS: Record<string, Command> = {
  workdays: {
    summary:
      'workdays <date> <n> | <date A> <date B> [--json] [--database-url URL] [--data-dir DIR]   Working-Day arithmetic (England and Wales bank holidays)',
    run: async (args) => {
      const { runWorkdaysCommand } = await import('./workdays.ts');
      return emit(await runWorkdaysCommand(args, process.env));
    },
  },
  script: {
    summary: 'script FILE [--json] [--database-url URL]   run a scripted scenario (on an empty database)',
    run: async (args) => {
      const { runScript } = await import('./script.ts');
      return runScript(args);
    },
  },
  register: {
    summary: 'register [--json|--csv] [--database-url URL] [--data-dir DIR]   the Modification Register',
    run: async (args) => {
      const { runRegisterCommand } = await import('./register.ts');
      return emit(await runRegisterCommand(args, process.env));
    },
  },
  people: {
    summary: 'people import FILE.csv [--database-url URL] [--data-dir DIR]   import the directory of people',
    run: async (args) => {
      const { runPeople } = await import('./people.ts');
      return emit(await runPeople(args, process.env));
    },
  },
  config: {
    summary:
      'config [--json]   the settings of the rules, their defaults and values; checks the environment as the start does',
    run: async (args) => {
      const { runConfig } = await import('./config.ts');
      return emit(runConfig(process.env, args));
    },
  },
  migrate: {
    summary: 'migrate [--database-url URL] [--data-dir DIR]   bring the database schema up to date',
    run: async (args) => {
      const { runMigrate } = await import('./migrate.ts');
      return emit(await runMigrate(args, process.env));
    },
  },
  audit: {
    summary:
      'audit verify [--database-url URL] [--data-dir DIR] [--json]   check the hash chains of the history, and each stored state against it',
    run: async (args) => {
      const { runAudit } = await import('./audit.ts');
      return emit(await runAudit(args, process.env));
    },
  },
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  secbot ${c.summary}`);
  return `usage: secbot <command> [args]\ncommands:\n${lines.join('\n')}\n`;
}

/** The version in package.json, read only when asked for. */
async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? 'unknown';
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`secbot ${await version()}\n`);
    return 0;
  }
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    let why = 'secbot: no command given';
    if (name !== undefined) {
      // As chat does (R72): the nearest command to a slip of the keyboard.
      const { nearest } = await import('../../src/domain/grammar/suggest.ts');
      const near = nearest(name, Object.keys(COMMANDS));
      why = `secbot: unknown command ${name}${near ? `; did you mean ${near}?` : ''}`;
    }
    process.stderr.write(`${why}\n${usage()}`);
    return 2;
  }
  return command.run(rest);
}

process.exitCode = await main(process.argv.slice(2));
