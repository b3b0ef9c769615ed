import { MODEL_TYPES } from './screens/attribution-models.queries';
import { FIXED_SHARES, isDataDriven, MODEL_SETTING_FIELDS, SETTING_ERROR_FIELDS, settingsDraftOf, settingsInput } from './model-settings';

describe('attribution model settings per type', () => {
  const draft = { ...settingsDraftOf(null), timeDecayHalfLifeDays: ' 3.5 ', positionBasedFirstWeight: '0.3', positionBasedLastWeight: '0.5', markovOrder: '2', ignoreDirect: true };

  it("sends a type's own settings as numbers and nothing of another type's", () => {
    expect(settingsInput('TIME_DECAY', draft)).toEqual({ timeDecayHalfLifeDays: 3.5 });
    expect(settingsInput('POSITION_BASED', draft)).toEqual({ positionBasedFirstWeight: 0.3, positionBasedLastWeight: 0.5 });
    expect(settingsInput('U_SHAPED', draft)).toEqual({ positionBasedFirstWeight: 0.3, positionBasedLastWeight: 0.5 });
    expect(settingsInput('MARKOV', draft)).toEqual({ markovOrder: 2 });
    expect(settingsInput('LAST_TOUCH', draft)).toEqual({ ignoreDirect: true });
    for (const type of ['FIRST_TOUCH', 'LINEAR', 'CUSTOM', 'SHAPLEY', 'W_SHAPED', 'FULL_PATH', 'CUSTOM_MILESTONE']) expect([type, settingsInput(type, draft)]).toEqual([type, {}]);
  });

  it("starts a new model at the API's defaults and an existing one at its own values", () => {
    expect(settingsDraftOf(null)).toEqual({ timeDecayHalfLifeDays: '7', positionBasedFirstWeight: '0.4', positionBasedLastWeight: '0.4', markovOrder: '1', ignoreDirect: false });
    expect(settingsDraftOf({ timeDecayHalfLifeDays: 14, positionBasedFirstWeight: 0.25, positionBasedLastWeight: 0.6, markovOrder: 3, ignoreDirect: true })).toEqual({
      timeDecayHalfLifeDays: '14',
      positionBasedFirstWeight: '0.25',
      positionBasedLastWeight: '0.6',
      markovOrder: '3',
      ignoreDirect: true,
    });
  });

  it('says something of every type: its settings, its fixed shares, its fit or its milestone weights', () => {
    const described = MODEL_TYPES.filter((type) => MODEL_SETTING_FIELDS[type] || FIXED_SHARES[type] || isDataDriven(type) || type === 'LAST_TOUCH' || type === 'CUSTOM_MILESTONE');
    expect(described).toEqual([...MODEL_TYPES]);
    expect(SETTING_ERROR_FIELDS.sort()).toEqual(['markovOrder', 'positionBasedFirstWeight', 'positionBasedLastWeight', 'timeDecayHalfLifeDays']);
  });
});
