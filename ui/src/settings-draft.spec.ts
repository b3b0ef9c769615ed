import { describeLoggedValue, fromDraftValue, SettingField, settingsInput, toDraftValue } from './settings-draft';

const fields: SettingField[] = [
  { key: 'enableTracking', label: 'Tracking', kind: 'switch' },
  { key: 'shortCodeLength', label: 'Length', kind: 'whole' },
  { key: 'retentionClickEventDays', label: 'Clicks kept', kind: 'days' },
  { key: 'dealWonStages', label: 'Won stages', kind: 'stages' },
  { key: 'internalIpRanges', label: 'Internal', kind: 'ranges' },
  { key: 'privacyPolicyLink', label: 'Policy', kind: 'text' },
  { key: 'defaultAttributionModel', label: 'Model', kind: 'readOnly' },
];
const current = {
  enableTracking: true,
  shortCodeLength: 7,
  retentionClickEventDays: 365,
  dealWonStages: ['CUSTOMER'],
  internalIpRanges: [{ ipRange: '10.0.0.0/8', description: 'VPN' }],
  privacyPolicyLink: null,
  defaultAttributionModel: 'LINEAR',
};
const draftOf = () => Object.fromEntries(fields.map((field) => [field.key, toDraftValue(field, current[field.key as keyof typeof current])]));

describe('the settings form', () => {
  it('sends nothing when nothing changed', () => {
    expect(settingsInput(fields, current, draftOf())).toEqual({});
  });

  it('sends each changed setting in the shape the API takes', () => {
    const draft = { ...draftOf(), enableTracking: false, shortCodeLength: ' 9 ', dealWonStages: 'CUSTOMER, CLOSED_WON', internalIpRanges: '10.0.0.0/8 VPN\n192.168.0.0/16', privacyPolicyLink: 'https://example.com/privacy' };
    expect(settingsInput(fields, current, draft)).toEqual({
      enableTracking: false,
      shortCodeLength: 9,
      dealWonStages: ['CUSTOMER', 'CLOSED_WON'],
      internalIpRanges: [
        { ipRange: '10.0.0.0/8', description: 'VPN' },
        { ipRange: '192.168.0.0/16', description: null },
      ],
      privacyPolicyLink: 'https://example.com/privacy',
    });
  });

  it('sends an emptied retention period as null (the server default) and an emptied text as null', () => {
    expect(settingsInput(fields, { ...current, privacyPolicyLink: 'https://a.example' }, { ...draftOf(), retentionClickEventDays: '', privacyPolicyLink: '  ' })).toEqual({ retentionClickEventDays: null, privacyPolicyLink: null });
  });

  it('leaves a number the API must judge as typed', () => {
    expect(fromDraftValue(fields[1], '2.5')).toBe(2.5);
  });

  it('describes logged values for people', () => {
    expect(describeLoggedValue('true')).toBe('on');
    expect(describeLoggedValue('null')).toBe('not set');
    expect(describeLoggedValue(null)).toBe('not set');
    expect(describeLoggedValue('["CUSTOMER","WON"]')).toBe('CUSTOMER, WON');
    expect(describeLoggedValue('[{"ipRange":"10.0.0.0/8","description":"VPN"}]')).toBe('10.0.0.0/8 VPN');
    expect(describeLoggedValue('[]')).toBe('none');
    expect(describeLoggedValue('30')).toBe('30');
  });
});
