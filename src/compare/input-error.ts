/** Bad or incomplete input: `compare` exits 2 with `file: problem`. */
export class CompareInputError extends Error {
  readonly file: string;
  readonly problem: string;
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'CompareInputError';
    this.file = file;
    this.problem = problem;
  }
}
