/** The `mnemo` command line: the same code the app uses, one file per command. */
import { attackCommand, ATTACK_HELP } from './commands/attack';
import { benchCommand, BENCH_HELP } from './commands/bench';
import { exportCommand, EXPORT_HELP } from './commands/export';
import { privacyCommand, PRIVACY_HELP } from './commands/privacy';
import { reportCommand, REPORT_HELP } from './commands/report';
import { serveCommand, SERVE_HELP } from './commands/serve';
import { studyCommand, STUDY_HELP } from './commands/study';
import { UsageError } from './args';

const COMMANDS: Record<string, { run: (argv: string[]) => Promise<number>; help: string }> = {
  study: { run: studyCommand, help: STUDY_HELP },
  serve: { run: serveCommand, help: SERVE_HELP },
  export: { run: exportCommand, help: EXPORT_HELP },
  report: { run: reportCommand, help: REPORT_HELP },
  bench: { run: benchCommand, help: BENCH_HELP },
  privacy: { run: privacyCommand, help: PRIVACY_HELP },
  attack: { run: attackCommand, help: ATTACK_HELP },
};

const USAGE = `Usage: mnemo <command> [options]

Commands:
${Object.values(COMMANDS)
  .map((c) => `  ${c.help.split('\n')[0]}`)
  .join('\n')}

Global options: --data-dir DIR (or MNEMO_HOME), --json, --help`;

/** Runs the CLI and returns its exit code: 0 success, 1 failure, 2 usage error. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`mnemo: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`mnemo ${name}: ${error.message}`);
      return 2;
    }
    console.error(`mnemo ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
