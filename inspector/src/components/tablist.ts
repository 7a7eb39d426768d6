// The tabs of a WAI-ARIA tablist: one role="tab" button per tab, only the selected one in the tab order.
// The caller renders the role="tablist" container around them and handles its arrow keys.
import { html } from 'lit';

export interface Tab<Id extends string> {
  id: Id;
  title: string;
}

export interface TabButtonsOptions<Id extends string> {
  tabs: readonly Tab<Id>[];
  selected: Id;
  /** Each button's data-testid is this prefix followed by the tab's id. */
  testIdPrefix: string;
  onSelect: (id: Id) => void;
  /** What a button shows; the tab's title unless given. */
  label?: (tab: Tab<Id>) => unknown;
}

export function tabButtons<Id extends string>({
  tabs,
  selected,
  testIdPrefix,
  onSelect,
  label = (tab) => tab.title,
}: TabButtonsOptions<Id>) {
  return tabs.map(
    (tab) =>
      html`<button
        role="tab"
        data-testid="${testIdPrefix}${tab.id}"
        aria-selected=${selected === tab.id ? 'true' : 'false'}
        tabindex=${selected === tab.id ? '0' : '-1'}
        @click=${() => onSelect(tab.id)}
      >
        ${label(tab)}
      </button>`,
  );
}
