import { csvCell, csvLine } from '../../../src/export/csv-writer';

describe('CSV cells as a spreadsheet reads them', () => {
  it('writes numbers as they are, nothing for a missing value, and quotes text with a comma, a quote or a line break', () => {
    expect(csvLine([-80, 0.8571428571, null, undefined, 'Bob, Inc.', 'say "hi"', 'two\nlines', 'plain'])).toBe(
      '-80,0.8571428571,,,"Bob, Inc.","say ""hi""","two\nlines",plain\n',
    );
  });

  it('makes text that a spreadsheet would run as a formula inert with a leading apostrophe', () => {
    expect(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '\tx'].map(csvCell)).toEqual([`"'=HYPERLINK(""x"")"`, "'+1", "'-2", "'@SUM(A1)", "'\tx"]);
    expect(csvCell('a=b')).toBe('a=b');
  });
});
