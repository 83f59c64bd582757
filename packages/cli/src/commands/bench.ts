import { Command } from 'commander';
import { registerBenchNabCommand } from './benchNab';
import { registerBenchPredictiveCommand } from './benchPredictive';
import { registerBenchRcaCommand } from './benchRca';
import { registerBenchSavingsCommand } from './benchSavings';

/** Adds `cloudops bench …`: the benchmarks on public and synthetic data (results go in BENCHMARKS.md). */
export function registerBenchCommand(program: Command): void {
  const bench = program
    .command('bench')
    .description(
      'Benchmarks: anomaly detection on NAB, the predictive check, RCA on public datasets, savings accuracy',
    );
  registerBenchNabCommand(bench);
  registerBenchPredictiveCommand(bench);
  registerBenchRcaCommand(bench);
  registerBenchSavingsCommand(bench);
}
