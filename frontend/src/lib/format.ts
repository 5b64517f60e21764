/** Dates, times, money and distances for pt-BR, in the user's own time zone. */

/** The browser's IANA time zone (e.g. `America/Sao_Paulo`). */
export function fusoDoUsuario(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "America/Sao_Paulo";
}

function data(valor: string | Date): Date {
  return typeof valor === "string" ? new Date(valor) : valor;
}

/** `terça-feira, 1 de dezembro de 2026 às 14:00` style, in the given zone. */
export function formatarDataHora(valor: string | Date, fuso: string = fusoDoUsuario()): string {
  return new Intl.DateTimeFormat("pt-BR", {
    dateStyle: "full",
    timeStyle: "short",
    timeZone: fuso,
  }).format(data(valor));
}

/** `01/12/2026 14:00`, compact, in the given zone. */
export function formatarDataHoraCurta(valor: string | Date, fuso: string = fusoDoUsuario()): string {
  return new Intl.DateTimeFormat("pt-BR", {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: fuso,
  }).format(data(valor));
}

/** `14:00`. */
export function formatarHora(valor: string | Date, fuso: string = fusoDoUsuario()): string {
  return new Intl.DateTimeFormat("pt-BR", { hour: "2-digit", minute: "2-digit", timeZone: fuso }).format(
    data(valor),
  );
}

/** `ter., 1 de dez.`. */
export function formatarDiaCurto(valor: string | Date, fuso: string = fusoDoUsuario()): string {
  return new Intl.DateTimeFormat("pt-BR", {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: fuso,
  }).format(data(valor));
}

/** `R$ 250,00`. */
export function formatarMoeda(valor: number | string): string {
  return new Intl.NumberFormat("pt-BR", { style: "currency", currency: "BRL" }).format(Number(valor));
}

/** `850 m` under one kilometre, `3,4 km` above. */
export function formatarDistancia(km: number): string {
  if (km < 1) return `${Math.round(km * 1000)} m`;
  return `${new Intl.NumberFormat("pt-BR", { maximumFractionDigits: 1 }).format(km)} km`;
}

/** `4,7` (one decimal). */
export function formatarNota(nota: number): string {
  return new Intl.NumberFormat("pt-BR", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(nota);
}

/** Monday 00:00 (local time) of the week that holds `dia`. */
export function inicioDaSemana(dia: Date): Date {
  const inicio = new Date(dia);
  inicio.setHours(0, 0, 0, 0);
  inicio.setDate(inicio.getDate() - ((inicio.getDay() + 6) % 7));
  return inicio;
}

/** `dia` moved by `n` days (local calendar, so daylight-saving changes keep midnight). */
export function somarDias(dia: Date, n: number): Date {
  const outro = new Date(dia);
  outro.setDate(outro.getDate() + n);
  return outro;
}

/** The same local calendar day? */
export function mesmoDia(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** `1,5 MB`, `320 KB`, `12 bytes`. */
export function formatarTamanho(bytes: number): string {
  const n = new Intl.NumberFormat("pt-BR", { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${n.format(bytes / 1024)} KB`;
  return `${n.format(bytes / (1024 * 1024))} MB`;
}

const doisDigitos = (n: number) => String(n).padStart(2, "0");

/** A local date as an `<input type="date">` value (`2026-12-01`). */
export function dataLocal(d: Date): string {
  return `${d.getFullYear()}-${doisDigitos(d.getMonth() + 1)}-${doisDigitos(d.getDate())}`;
}

/** A local time as an `<input type="time">` value (`09:30`). */
export function horaLocal(d: Date): string {
  return `${doisDigitos(d.getHours())}:${doisDigitos(d.getMinutes())}`;
}

/** `1 documento`, `2 documentos`: a count with its noun in the number it takes. */
export function contagem(n: number, singular: string, plural: string): string {
  return `${new Intl.NumberFormat("pt-BR").format(n)} ${n === 1 ? singular : plural}`;
}

/** `07/12 às 11:30`: a slot named the way a confirm button says it, in the given zone. */
export function formatarDiaEHora(valor: string | Date, fuso: string = fusoDoUsuario()): string {
  const dia = new Intl.DateTimeFormat("pt-BR", { day: "2-digit", month: "2-digit", timeZone: fuso }).format(
    data(valor),
  );
  return `${dia} às ${formatarHora(valor, fuso)}`;
}
