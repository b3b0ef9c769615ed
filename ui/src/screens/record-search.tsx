import { KeyboardEvent, ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useHost } from '../host';
import { formatDate, formatMoney } from '../format';
import { DealFound, PersonFound, SEARCH_DEALS, SEARCH_PEOPLE } from './search.queries';
import { dealLabel, personLabel, resultsSummary } from './search-labels';

/** What the server returns at most: a full page says "type more". */
const SERVER_LIMIT = 20;
/** Typing pauses this long before a search goes out, so each keystroke is not a request. */
const TYPING_PAUSE_MS = 250;

type Found<T> = { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: Error } | { status: 'ready'; query: string; results: T[] };

/** Results are a list of buttons: Tab or the arrow keys move through them, Enter opens one. */
function moveFocus(event: KeyboardEvent<HTMLElement>, list: HTMLElement | null) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const buttons = [...(list?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
  if (buttons.length === 0) return;
  event.preventDefault();
  const current = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next = current === -1 ? (event.key === 'ArrowDown' ? 0 : buttons.length - 1) : Math.min(buttons.length - 1, Math.max(0, current + (event.key === 'ArrowDown' ? 1 : -1)));
  buttons[next]?.focus();
}

function RecordSearch<T>(props: {
  label: string;
  hint: string;
  query: string;
  noun: { one: string; many: string };
  keyOf: (result: T) => string;
  render: (result: T) => { title: string; detail: ReactNode };
  selected?: string;
  onOpen: (result: T) => void;
}) {
  const { api } = useHost();
  const id = useId();
  const list = useRef<HTMLUListElement>(null);
  const [text, setText] = useState('');
  const [found, setFound] = useState<Found<T>>({ status: 'idle' });
  const wanted = text.trim();

  useEffect(() => {
    if (wanted.length < 2) {
      setFound({ status: 'idle' });
      return;
    }
    let current = true;
    setFound({ status: 'loading' });
    const timer = setTimeout(() => {
      api
        .request<Record<string, T[]>>(props.query, { query: wanted })
        .then((data) => current && setFound({ status: 'ready', query: wanted, results: Object.values(data)[0] ?? [] }))
        .catch((error: unknown) => current && setFound({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) }));
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, props.query, wanted]);

  const status = found.status === 'loading' ? 'Searching…' : found.status === 'ready' ? resultsSummary(found.results.length, props.noun, SERVER_LIMIT) : '';
  return (
    <div className="tf-search" role="search" aria-label={props.label} onKeyDown={(event) => moveFocus(event, list.current)}>
      <div className="tf-field">
        <label htmlFor={`${id}-input`}>{props.label}</label>
        <input
          id={`${id}-input`}
          className="tf-input"
          type="search"
          autoComplete="off"
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-invalid={found.status === 'error'}
          aria-describedby={`${id}-help`}
          aria-controls={`${id}-results`}
        />
        <span id={`${id}-help`} className={found.status === 'error' ? 'tf-field-error' : 'tf-hint'} role={found.status === 'error' ? 'alert' : undefined}>
          {found.status === 'error' ? found.error.message : props.hint}
        </span>
      </div>
      <p className="tf-muted tf-search-status" role="status" aria-live="polite">
        {status}
      </p>
      <ul id={`${id}-results`} ref={list} className="tf-search-results" aria-label={`${props.noun.many} found`}>
        {found.status === 'ready' &&
          found.results.map((result) => {
            const { title, detail } = props.render(result);
            const key = props.keyOf(result);
            return (
              <li key={key}>
                <button type="button" className="tf-search-result" aria-current={props.selected === key ? 'true' : undefined} onClick={() => props.onOpen(result)}>
                  <span className="tf-search-title">{title}</span>
                  <span className="tf-muted">{detail}</span>
                </button>
              </li>
            );
          })}
      </ul>
    </div>
  );
}

/** Finds a Twenty person by name or exact email, to open their journey. */
export function PersonSearch({ selected, onOpen }: { selected?: string; onOpen: (person: PersonFound) => void }) {
  return (
    <RecordSearch<PersonFound>
      label="Find a person"
      hint="A name, part of one, or an exact email address"
      query={SEARCH_PEOPLE}
      noun={{ one: 'person', many: 'people' }}
      keyOf={(person) => person.personId}
      selected={selected}
      onOpen={onOpen}
      render={(person) => ({
        title: personLabel(person),
        detail: [person.leadStatus, `${person.conversions} conversion${person.conversions === 1 ? '' : 's'}`, person.lastSeen && `last seen ${formatDate(person.lastSeen)}`].filter(Boolean).join(' · '),
      })}
    />
  );
}

/** Finds a Twenty opportunity by its name, its contact's name or exact email, to open its attribution. */
export function DealSearch({ selected, onOpen }: { selected?: string; onOpen: (deal: DealFound) => void }) {
  return (
    <RecordSearch<DealFound>
      label="Find a deal"
      hint="The deal's name, its contact's name, or the contact's exact email address"
      query={SEARCH_DEALS}
      noun={{ one: 'deal', many: 'deals' }}
      keyOf={(deal) => deal.opportunityId}
      selected={selected}
      onOpen={onOpen}
      render={(deal) => ({
        title: dealLabel(deal),
        detail: [deal.stage, formatMoney(deal.amount, deal.currencyCode), deal.contactName, deal.wonAt && `won ${formatDate(deal.wonAt)}`].filter(Boolean).join(' · '),
      })}
    />
  );
}
