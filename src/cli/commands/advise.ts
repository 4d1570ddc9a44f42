/** `sgbench advise RESULTS.csv`: from which buffer size and count gathering beats copying. */
import type { CommandModule } from 'yargs';
import { adviceDocument } from '../../advise/advise-json.js';
import { findCrossovers } from '../../advise/crossover.js';
import { ADVICE_LEGEND, adviceSentence } from '../../advise/sentences.js';
import { keyOf } from '../../report/cell-record.js';
import { CsvFormatError, readCellCsv } from '../../report/read-cell-csv.js';
import { readSampleRme } from '../../report/read-sample-csv.js';
import { EXIT } from '../exit-codes.js';
import { checkInputFile } from '../input-file.js';

interface AdviseArgs {
  results: string;
  samples?: string;
  json: boolean;
}

const adviseCommand: CommandModule<object, AdviseArgs> = {
  command: 'advise <results>',
  describe: 'Say from which buffer size and count gathering beats copying, per model and connection count',
  builder: (y) =>
    y
      .positional('results', { type: 'string', demandOption: true, describe: 'Cell CSV written by `sgbench run`' })
      .option('samples', { type: 'string', requiresArg: true, describe: 'Sample CSV of the same run: intervals from the samples instead of rme_pct' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the answer as JSON' })
      .example('$0 advise results/default.csv', 'one sentence per model × connections × buffer count'),
  handler: (argv) => {
    checkInputFile('--samples', argv.samples);
    try {
      const cells = readCellCsv(argv.results);
      const rmeByKey = argv.samples === undefined ? undefined : readSampleRme(argv.samples);
      const advice = findCrossovers(cells, rmeByKey ? { rmeByKey, keyOf } : {});
      if (argv.json) {
        const doc = adviceDocument(argv.results, advice, rmeByKey ? 'samples' : 'rme_pct');
        process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
      } else if (advice.length === 0) {
        process.stdout.write(`${argv.results}: no gather and coalesce cells of the same uniform shape to compare.\n`);
      } else {
        process.stdout.write([ADVICE_LEGEND, '', ...advice.map(adviceSentence)].join('\n') + '\n');
      }
      process.exitCode = EXIT.ok;
    } catch (err) {
      if (!(err instanceof CsvFormatError)) throw err;
      process.stderr.write(`Error: ${err.message}\n`);
      process.exitCode = EXIT.usage;
    }
  },
};

export default adviseCommand;
