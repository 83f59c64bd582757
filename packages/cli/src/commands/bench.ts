import { Command } from 'commander';
import { registerBenchRcaCommand } from './benchRca';

/** Adds `cloudops bench …`: the benchmarks on public datasets. */
export function registerBenchCommand(program: Command): void {
  const bench = program
    .command('bench')
    .description('Benchmarks on public datasets (results go in BENCHMARKS.md)');
  registerBenchRcaCommand(bench);
}
