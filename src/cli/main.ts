#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { attributionCommand } from './commands/attribution.js';
import { costCommands } from './commands/costs.js';
import { demoCommand } from './commands/demo.js';
import { experimentCommands } from './commands/experiment.js';
import { exportCommand } from './commands/export.js';
import { fatigueReportCommand } from './commands/fatigue.js';
import { keyCommands } from './commands/keys.js';
import { goalCommands } from './commands/goals.js';
import { linkCommands } from './commands/links.js';
import { reportCommands } from './commands/report.js';
import { serveCommand } from './commands/serve.js';
import { userCommands } from './commands/user.js';
import { workspaceCommands } from './commands/workspace.js';
import { CliError } from './errors.js';
import type { GlobalOptions } from './target.js';

const program = new Command();
program
  .name('rendement')
  .description(
    'First-party performance-marketing measurement: track, cost, measure, attribute, test, decide.',
  )
  .version(VERSION)
  .option('--data-dir <dir>', 'data directory (default RENDEMENT_DATA_DIR or ./data)')
  .option('--api-key <key>', 'secret API key for data commands (default RENDEMENT_API_KEY)')
  .showHelpAfterError()
  .exitOverride();

const globals = (): GlobalOptions => program.opts<GlobalOptions>();
serveCommand(program, globals);
workspaceCommands(program, globals);
linkCommands(program, globals);
keyCommands(program, globals);
exportCommand(program, globals);
demoCommand(program, globals);
costCommands(program, globals);
userCommands(program, globals);
reportCommands(program, globals);
fatigueReportCommand(
  program.commands.find((c) => c.name() === 'report')!,
  globals,
);
goalCommands(program, globals);
experimentCommands(program, globals);
attributionCommand(program, globals);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exit(e.exitCode);
  if (e instanceof CliError) {
    console.error(`Error: ${e.message}`);
    for (const d of e.details) console.error(`  ${d.field}: ${d.reason}`);
    process.exit(e.exitCode);
  }
  console.error(`Error: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
