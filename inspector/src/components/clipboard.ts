// Text to the clipboard: the async Clipboard API where the page may use it, else a hidden read-only textarea and execCommand('copy').

/** Copies the text; false when neither the Clipboard API nor the fallback could (the caller says so). */
export async function copyText(text: string): Promise<boolean> {
  if (globalThis.isSecureContext && navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      /* permission refused or document not focused: try the fallback */
    }
  }
  return copyWithTextarea(text);
}

/** Plain-http origins other than localhost have no Clipboard API: a selected textarea and the legacy copy command. */
function copyWithTextarea(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.readOnly = true;
  area.setAttribute('aria-hidden', 'true');
  area.style.cssText = 'position:fixed;top:0;left:-9999px;opacity:0';
  const focused = document.activeElement as HTMLElement | null;
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  focused?.focus();
  return ok;
}
