/** `sgbench report RESULTS.csv` and `sgbench report BASE.csv NEW.csv`: one self-contained HTML report. */
import { basename } from 'node:path';
import type { CommandModule } from 'yargs';
import { CompareInputError } from '../../compare/input-error.js';
import { CsvFormatError } from '../../report/read-cell-csv.js';
import { writeReport } from '../../report/write-report.js';
import { EXIT } from '../exit-codes.js';
import { SpecError } from '../../errors.js';
import { checkWritablePath } from '../../grid/output-paths.js';
import { checkInputFile } from '../input-file.js';

interface ReportArgs {
  results: string;
  new?: string;
  out?: string;
  samples?: string;
  'base-samples'?: string;
}

/** `results/x.csv` → `results/x.html`; a comparison → `results/new.vs-base.html`. */
export function defaultReportPath(results: string, next: string | undefined): string {
  const stem = (p: string) => p.replace(/\.csv$/i, '');
  return next === undefined ? `${stem(results)}.html` : `${stem(next)}.vs-${basename(stem(results))}.html`;
}

const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <results> [new]',
  describe: 'Write a self-contained HTML report of a run, or of NEW compared against BASE',
  builder: (y) =>
    y
      .positional('results', { type: 'string', demandOption: true, describe: 'Cell CSV of a run (BASE when NEW is given)' })
      .positional('new', { type: 'string', describe: 'Cell CSV of a second run, compared against the first' })
      .option('out', { alias: 'o', type: 'string', requiresArg: true, describe: 'HTML file to write [default: next to the CSV]' })
      .option('samples', { type: 'string', requiresArg: true, describe: 'Sample CSV of the (NEW) run [default: the .samples.csv beside the cell CSV]' })
      .option('base-samples', { type: 'string', requiresArg: true, describe: 'Sample CSV of the BASE run [default: the .samples.csv beside it]' })
      .example('$0 report results/default.csv', 'charts and the crossover answer in results/default.html')
      .example('$0 report results/baseline/default.csv results/default.csv -o cmp.html', 'NEW ÷ BASE per cell, as sgbench compare decides it'),
  handler: (argv) => {
    if (argv['base-samples'] !== undefined && argv.new === undefined) {
      throw new SpecError('--base-samples', 'applies to a comparison only: give BASE.csv and NEW.csv (sgbench report BASE.csv NEW.csv --base-samples …)');
    }
    checkInputFile('--samples', argv.samples);
    checkInputFile('--base-samples', argv['base-samples']);
    if (argv.out !== undefined) checkWritablePath('--out', argv.out, 'an HTML file path');
    const out = argv.out ?? defaultReportPath(argv.results, argv.new);
    try {
      const written =
        argv.new === undefined
          ? writeReport(argv.results, out, { samplesPath: argv.samples })
          : writeReport(argv.new, out, { samplesPath: argv.samples, basePath: argv.results, baseSamplesPath: argv['base-samples'] });
      for (const w of written.warnings) process.stderr.write(`warning: ${w}\n`);
      process.stdout.write(`${written.outPath}: ${written.panels} charts, ${(written.bytes / 1024).toFixed(0)} KiB\n`);
      process.exitCode = EXIT.ok;
    } catch (err) {
      if (!(err instanceof CsvFormatError || err instanceof CompareInputError)) throw err;
      process.stderr.write(`Error: ${err.message}\n`);
      process.exitCode = EXIT.usage;
    }
  },
};

export default reportCommand;
