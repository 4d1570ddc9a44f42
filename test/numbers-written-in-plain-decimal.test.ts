import { describe, expect, it } from 'vitest';
import { plainDecimal } from '../src/csv/writer.js';

describe('numbers are written in plain decimal', () => {
  it.each([
    [0, '0'],
    [42, '42'],
    [-7, '-7'],
    [12345678901234, '12345678901234'],
    [1e20, '100000000000000000000'],
    [3.14159265358979, '3.14159265'],
    [1e-7, '0.0000001'],
    [1.5e-9, '0.0000000015'],
    [2.5e-3, '0.0025'],
    [29_876_543_210.123, '29876543210'],
    [0.1 + 0.2, '0.3'],
    [-0.000001234, '-0.000001234'],
  ])('%d → %s', (value, text) => {
    expect(plainDecimal(value)).toBe(text);
  });

  it('writes non-finite numbers as an empty field', () => {
    expect([NaN, Infinity, -Infinity].map(plainDecimal)).toEqual(['', '', '']);
  });
});
