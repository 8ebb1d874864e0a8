// The `secbot` command line: a dispatcher on the first argument. Handlers are loaded on demand so a
// quick command like `workdays` does not pay for opening the database or the chat adapters.

type Handler = (args: string[]) => Promise<number>;

interface Command {
  summary: string;
  run: Handler;
}

function emit(r: { code: number; stdout: string; stderr: string }): number {
  if (r.stdout) process.stdout.write(r.stdout);
  if (r.stderr) process.stderr.write(r.stderr);
  return r.code;
}

// Further subcommands (migrate, script, register, audit, people, config) are added here.
const COMMANDS: Record<string, Command> = {
  workdays: {
    summary: 'workdays <date> <n> | <date A> <date B> [--json]   Working-Day arithmetic (R32)',
    run: async (args) => {
      const { runWorkdays } = await import('./workdays.ts');
      return emit(runWorkdays(args, { cutoff: process.env.SEC_CUTOFF }));
    },
  },
  config: {
    summary: 'config [--json]   the process settings (R50), their defaults and values',
    run: async (args) => {
      const { runConfig } = await import('./config.ts');
      return emit(runConfig(process.env, args));
    },
  },
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  secbot ${c.summary}`);
  return `usage: secbot <command> [args]\ncommands:\n${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    process.stderr.write(
      `${name === undefined ? 'secbot: no command given' : `secbot: unknown command ${name}`}\n${usage()}`,
    );
    return 2;
  }
  return command.run(rest);
}

process.exitCode = await main(process.argv.slice(2));
