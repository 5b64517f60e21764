/**
 * The geometry of the results map: a small equirectangular projection, good for the few hundred
 * kilometres of a search (and still recognisable for the whole country), drawn by the app itself
 * so that no map tile service learns where a patient looks for a doctor.
 */
export interface Ponto {
  lat: number;
  lon: number;
}

export interface Caixa {
  latMin: number;
  latMax: number;
  lonMin: number;
  lonMax: number;
}

const KM_POR_GRAU_LAT = 110.57;
const KM_POR_GRAU_LON_NO_EQUADOR = 111.32;

/** Great-circle distance in kilometres (haversine). */
export function distanciaKm(a: Ponto, b: Ponto): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function kmPorGrauLon(lat: number): number {
  return KM_POR_GRAU_LON_NO_EQUADOR * Math.cos((lat * Math.PI) / 180);
}

/**
 * The box around `pontos` (and the circle of `raioKm` around `centro`), with a margin, at least
 * `minimoKm` wide, and stretched to a height/width between `proporcaoMin` and `proporcaoMax` so
 * that nothing is distorted when it is drawn into a rectangle.
 */
export function caixaDe(
  pontos: Ponto[],
  {
    centro,
    raioKm,
    minimoKm = 6,
    proporcaoMin = 0.6,
    proporcaoMax = 1,
  }: {
    centro?: Ponto | undefined;
    raioKm?: number | undefined;
    minimoKm?: number;
    proporcaoMin?: number;
    proporcaoMax?: number;
  } = {},
): Caixa | null {
  const todos = centro ? [...pontos, centro] : pontos;
  if (!todos.length) return null;
  let latMin = Math.min(...todos.map((p) => p.lat));
  let latMax = Math.max(...todos.map((p) => p.lat));
  let lonMin = Math.min(...todos.map((p) => p.lon));
  let lonMax = Math.max(...todos.map((p) => p.lon));
  const latC = (latMin + latMax) / 2;
  if (centro && raioKm) {
    const dLat = raioKm / KM_POR_GRAU_LAT;
    const dLon = raioKm / kmPorGrauLon(centro.lat);
    latMin = Math.min(latMin, centro.lat - dLat);
    latMax = Math.max(latMax, centro.lat + dLat);
    lonMin = Math.min(lonMin, centro.lon - dLon);
    lonMax = Math.max(lonMax, centro.lon + dLon);
  }
  // A margin of 8% on each side, and never narrower than minimoKm.
  let larguraKm = Math.max((lonMax - lonMin) * kmPorGrauLon(latC) * 1.16, minimoKm);
  let alturaKm = Math.max((latMax - latMin) * KM_POR_GRAU_LAT * 1.16, minimoKm * proporcaoMin);
  if (alturaKm / larguraKm < proporcaoMin) alturaKm = larguraKm * proporcaoMin;
  if (alturaKm / larguraKm > proporcaoMax) larguraKm = alturaKm / proporcaoMax;
  const meioLat = (latMin + latMax) / 2;
  const meioLon = (lonMin + lonMax) / 2;
  const meiaAltura = alturaKm / KM_POR_GRAU_LAT / 2;
  const meiaLargura = larguraKm / kmPorGrauLon(meioLat) / 2;
  return {
    latMin: meioLat - meiaAltura,
    latMax: meioLat + meiaAltura,
    lonMin: meioLon - meiaLargura,
    lonMax: meioLon + meiaLargura,
  };
}

export interface Projecao {
  largura: number;
  altura: number;
  /** Kilometres per drawing unit (the same across and down). */
  kmPorUnidade: number;
  xy: (p: Ponto) => [number, number];
  contem: (p: Ponto) => boolean;
}

/** Drawing coordinates (x right, y down) for a box drawn `largura` units wide. */
export function projetar(caixa: Caixa, largura: number): Projecao {
  const latC = (caixa.latMin + caixa.latMax) / 2;
  const larguraKm = (caixa.lonMax - caixa.lonMin) * kmPorGrauLon(latC);
  const kmPorUnidade = larguraKm / largura;
  const altura = ((caixa.latMax - caixa.latMin) * KM_POR_GRAU_LAT) / kmPorUnidade;
  return {
    largura,
    altura,
    kmPorUnidade,
    xy: (p) => [
      ((p.lon - caixa.lonMin) * kmPorGrauLon(latC)) / kmPorUnidade,
      ((caixa.latMax - p.lat) * KM_POR_GRAU_LAT) / kmPorUnidade,
    ],
    contem: (p) =>
      p.lat >= caixa.latMin && p.lat <= caixa.latMax && p.lon >= caixa.lonMin && p.lon <= caixa.lonMax,
  };
}

/** Items at the same place (to 3 decimals, ~100 m) become one pin listing their positions. */
export function agrupar<T>(itens: T[], ponto: (item: T) => Ponto | null | undefined) {
  const grupos = new Map<string, { ponto: Ponto; posicoes: number[]; itens: T[] }>();
  itens.forEach((item, i) => {
    const p = ponto(item);
    if (!p) return;
    const chave = `${p.lat.toFixed(3)},${p.lon.toFixed(3)}`;
    const grupo = grupos.get(chave) ?? { ponto: p, posicoes: [], itens: [] };
    grupo.posicoes.push(i + 1);
    grupo.itens.push(item);
    grupos.set(chave, grupo);
  });
  return [...grupos.values()];
}

/**
 * Pins closer than `distancia` drawing units on screen become one (a pin is 26 to 48 units wide):
 * the first of them keeps its place, the positions are merged in order.
 */
export function juntarProximos<T extends { ponto: Ponto; posicoes: number[] }>(
  grupos: T[],
  xy: (p: Ponto) => [number, number],
  distancia = 36,
): { ponto: Ponto; posicoes: number[]; membros: T[] }[] {
  const juntos: { ponto: Ponto; xy: [number, number]; posicoes: number[]; membros: T[] }[] = [];
  for (const grupo of grupos) {
    const [x, y] = xy(grupo.ponto);
    const perto = juntos.find((j) => Math.hypot(j.xy[0] - x, j.xy[1] - y) < distancia);
    if (perto) {
      perto.posicoes = [...perto.posicoes, ...grupo.posicoes].sort((a, b) => a - b);
      perto.membros.push(grupo);
    } else {
      juntos.push({ ponto: grupo.ponto, xy: [x, y], posicoes: [...grupo.posicoes], membros: [grupo] });
    }
  }
  return juntos.map(({ ponto, posicoes, membros }) => ({ ponto, posicoes, membros }));
}

/** What a pin says: its list positions, or the first and last of a long run ("5…10"). */
export function rotuloAlfinete(posicoes: number[]): string {
  return posicoes.length <= 3 ? posicoes.join(",") : `${posicoes[0]}…${posicoes[posicoes.length - 1]}`;
}
