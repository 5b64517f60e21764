/**
 * The calendar subscription's address as the web app hands it over: the https URL the server
 * answered (to paste in Google Agenda's "Adicionar por URL" or Outlook), the same as a
 * `webcal://` link (Apple and most phone calendars open it and offer to subscribe), and a copy
 * to the clipboard that falls back to a selected read-only field where the Clipboard API is
 * missing or refused (plain http, older browsers, permission denied).
 */

/** The subscription's address with the `webcal` scheme calendar apps open to subscribe. */
export function paraWebcal(url: string): string {
  return url.replace(/^https?:\/\//i, "webcal://");
}

/** The part of the Clipboard API this needs (so tests hand in their own). */
export interface AreaDeTransferencia {
  writeText(texto: string): Promise<void>;
}

/** Copies `texto`; answers false when it could not (then the page selects it for the person). */
export async function copiarTexto(
  texto: string,
  area: AreaDeTransferencia | undefined = globalThis.navigator?.clipboard,
): Promise<boolean> {
  if (!area) return false;
  try {
    await area.writeText(texto);
    return true;
  } catch {
    return false;
  }
}
