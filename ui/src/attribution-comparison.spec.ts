import { readCsvRecords } from '../../src/common/csv/csv-records.util';
import { Comparison, comparisonCsv, comparisonRows, MAX_COMPARED, modelsToCompare } from './attribution-comparison';

const comparison: Comparison = {
  reports: [
    { modelId: 'm1', modelName: 'Last touch', modelType: 'LAST_TOUCH', marketingInfluencedConversions: 4 },
    { modelId: null, modelName: 'Linear', modelType: 'LINEAR', marketingInfluencedConversions: 4 },
  ],
  rows: [
    { key: 'Email', label: 'Email', currencyCode: 'USD', spread: 1.5, byModel: [{ conversions: 3, value: '300.00' }, { conversions: 1.5, value: '150.00' }] },
    { key: 'Paid, Search', label: 'Paid, Search', currencyCode: 'USD', spread: 1.333333, byModel: [{ conversions: 1, value: '100.00' }, { conversions: 2.333333, value: '233.33' }] },
  ],
};

describe('comparing attribution models', () => {
  it("compares the workspace's active models and the standard types they leave out", () => {
    const models = [
      { id: 'a', modelType: 'LAST_TOUCH', isActive: true },
      { id: 'b', modelType: 'MARKOV', isActive: true },
      { id: 'c', modelType: 'LINEAR', isActive: false },
    ];
    expect(modelsToCompare(models)).toEqual(['a', 'b', 'FIRST_TOUCH', 'LINEAR', 'TIME_DECAY', 'POSITION_BASED']);
    const many = Array.from({ length: 10 }, (_, index) => ({ id: `m${index}`, modelType: 'CUSTOM', isActive: true }));
    expect(modelsToCompare(many)).toHaveLength(MAX_COMPARED);
  });

  it("gives each group's share of every model's credited conversions and the spread of those shares", () => {
    const [email, paid] = comparisonRows(comparison);
    expect(email.cells.map((cell) => cell.share)).toEqual([0.75, 0.375]);
    expect(email.shareSpread).toBe(0.375);
    expect(paid.cells.map((cell) => cell.conversions)).toEqual([1, 2.33]);
    expect(paid.spread).toBe(1.33);
    expect(paid.shareSpread).toBe(0.3333);
  });

  it('exports exactly the rows and rounding shown, one line per group', () => {
    const csv = comparisonCsv(comparison, comparisonRows(comparison), 'Channel');
    const { records } = readCsvRecords(csv, [',']);
    expect(records[0].fields).toEqual(['Channel', 'Currency', 'Last touch: conversions', 'Last touch: value', 'Last touch: share %', 'Linear: conversions', 'Linear: value', 'Linear: share %', 'Spread (share points)', 'Spread (conversions)']);
    expect(records[2].fields).toEqual(['Paid, Search', 'USD', '1', '100.00', '25', '2.33', '233.33', '58.33', '33.33', '1.33']);
    expect(records.filter((record) => record.fields.length > 1)).toHaveLength(3);
  });
});
