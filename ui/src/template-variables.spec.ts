import { placeholdersOf, variableInput, variablesFor } from './template-variables';

describe('template variables', () => {
  it('reads placeholders once each, in order, under the API naming rule', () => {
    expect(placeholdersOf('https://shop.example/{product}?week={week}&again={product}&bad={9x}&{}')).toEqual(['product', 'week']);
  });

  it('keeps the settings of a variable still named and drops the ones no longer used', () => {
    const week = { variableName: 'week', variableType: 'NUMBER' as const, defaultValue: '1', isRequired: false, options: '' };
    const gone = { ...week, variableName: 'gone' };
    expect(variablesFor('https://x.example/{product}/{week}', [week, gone])).toEqual([{ variableName: 'product', variableType: 'TEXT', defaultValue: '', isRequired: true, options: '' }, week]);
  });

  it('sends options only for a choice, and an empty default as none', () => {
    const draft = { variableName: 'size', variableType: 'SELECT' as const, defaultValue: ' ', isRequired: true, options: 's, m ,, l' };
    expect(variableInput(draft)).toEqual({ variableName: 'size', variableType: 'SELECT', defaultValue: null, isRequired: true, validationRules: { options: ['s', 'm', 'l'] } });
    expect(variableInput({ ...draft, variableType: 'TEXT', defaultValue: 'm' })).toMatchObject({ defaultValue: 'm', validationRules: null });
  });
});
