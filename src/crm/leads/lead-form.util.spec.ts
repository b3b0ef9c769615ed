import { parseLeadForm } from 'src/crm/leads/lead-form.util';

describe('parseLeadForm', () => {
  it('reads either spelling of the visitor id and splits a full name', () => {
    expect(parseLeadForm({ email: 'Ann@Example.com', name: 'Ann Marie Lee', trackflow_visitor_id: 'visitor-1234', company: 'Acme' })).toEqual({
      email: 'ann@example.com',
      firstName: 'Ann',
      lastName: 'Marie Lee',
      companyName: 'Acme',
      visitorId: 'visitor-1234',
      redirectUrl: null,
    });
    expect(parseLeadForm({ email: 'bo@example.com', firstName: 'Bo', lastName: 'Ek', trackflowVisitorId: 'visitor-5678', redirect: 'https://shop.example.com/thanks' })).toMatchObject({
      firstName: 'Bo',
      lastName: 'Ek',
      visitorId: 'visitor-5678',
      redirectUrl: 'https://shop.example.com/thanks',
    });
  });

  it.each([
    [{}, 'email: is required'],
    [{ email: 'nope' }, 'email: must be an email address'],
    [{ email: 'a@b.co', trackflow_visitor_id: '<x>' }, 'trackflow_visitor_id: must be 8 to 64 letters, digits, - or _'],
    [{ email: 'a@b.co', redirect: 'javascript:alert(1)' }, 'redirect: must be an absolute http or https URL'],
    [{ email: 'a@b.co', name: 'x'.repeat(201) }, 'name: must be at most 200 characters'],
  ])('refuses %j with "%s"', (fields, message) => {
    expect(() => parseLeadForm(fields)).toThrow(message);
  });
});
