/**
 * The communes map drawn locally from the GeoJSON outlines in assets/geo (no tile server):
 * a plain equirectangular projection scaled by the cosine of the mean latitude, which is
 * accurate to well under a pixel over an area of 30 km. Pure: the caller passes the parsed
 * GeoJSON (the renderer bundles it, the command line reads the file).
 */

export interface CommuneFeature {
  type: 'Feature';
  properties: { code: string; nom: string };
  geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
}

export interface CommuneCollection {
  type: 'FeatureCollection';
  features: CommuneFeature[];
}

export interface CommuneShape {
  code: string;
  name: string;
  /** SVG path data in the map's coordinate space. */
  path: string;
  /** A point inside the bounding box centre, for labels. */
  centre: [number, number];
}

export interface CommuneMap {
  width: number;
  height: number;
  shapes: CommuneShape[];
}

/** Checks the shape of the outlines file (it ships with the app, but a broken copy should say so). */
export function parseCommuneCollection(data: unknown): CommuneCollection {
  const fail = (why: string): never => {
    throw new Error(`commune outlines: ${why}`);
  };
  if (typeof data !== 'object' || data === null || (data as { type?: unknown }).type !== 'FeatureCollection') fail('not a FeatureCollection');
  const features = (data as { features?: unknown }).features;
  if (!Array.isArray(features)) fail('no features');
  for (const f of features as unknown[]) {
    const feature = f as Partial<CommuneFeature>;
    if (typeof feature.properties?.code !== 'string' || typeof feature.properties.nom !== 'string') fail('a feature has no code or name');
    const type = feature.geometry?.type;
    if (type !== 'Polygon' && type !== 'MultiPolygon') fail(`unsupported geometry ${String(type)}`);
  }
  return data as CommuneCollection;
}

function rings(feature: CommuneFeature): number[][][] {
  return feature.geometry.type === 'Polygon' ? feature.geometry.coordinates : feature.geometry.coordinates.flat();
}

export function projectCommunes(collection: CommuneCollection, width = 640, padding = 8): CommuneMap {
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const feature of collection.features) {
    for (const ring of rings(feature)) {
      for (const [lon = 0, lat = 0] of ring) {
        minLon = Math.min(minLon, lon);
        maxLon = Math.max(maxLon, lon);
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
      }
    }
  }
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = (maxLon - minLon) * kx || 1;
  const spanY = maxLat - minLat || 1;
  const scale = (width - 2 * padding) / spanX;
  const height = Math.round(spanY * scale + 2 * padding);
  const x = (lon: number) => padding + (lon - minLon) * kx * scale;
  const y = (lat: number) => padding + (maxLat - lat) * scale;
  const r = (v: number) => Math.round(v * 10) / 10;

  const shapes = collection.features.map((feature): CommuneShape => {
    let bx0 = Infinity;
    let bx1 = -Infinity;
    let by0 = Infinity;
    let by1 = -Infinity;
    const path = rings(feature)
      .map((ring) => {
        const points = ring.map(([lon = 0, lat = 0]) => {
          const px = r(x(lon));
          const py = r(y(lat));
          bx0 = Math.min(bx0, px);
          bx1 = Math.max(bx1, px);
          by0 = Math.min(by0, py);
          by1 = Math.max(by1, py);
          return `${px},${py}`;
        });
        return `M${points.join('L')}Z`;
      })
      .join('');
    return { code: feature.properties.code, name: feature.properties.nom, path, centre: [r((bx0 + bx1) / 2), r((by0 + by1) / 2)] };
  });
  return { width, height, shapes };
}

/** Sequential colour classes (ColorBrewer "Blues", 5 classes), light to dark, for rates. */
export const MAP_CLASS_COLOURS = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;
export const MAP_HIDDEN_COLOUR = '#d9d9d9';
/** A published zero (no session from that commune) is white, apart from the classes. */
export const MAP_ZERO_COLOUR = '#ffffff';

/**
 * Class lower bounds splitting the published non-zero rates into (at most) 5 equal-count
 * classes. Classes are half-open, [a, b): a rate equal to a bound belongs to the class that
 * starts there, so no figure can be read into two classes; the last class holds its maximum.
 */
export function classBreaks(rates: readonly number[]): number[] {
  const sorted = [...new Set(rates.filter((r) => r > 0))].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const classes = Math.min(5, sorted.length);
  return Array.from({ length: classes }, (_, q) => sorted[Math.floor((q * sorted.length) / classes)] as number);
}

/** The fill of a commune: grey when hidden, white at zero, else its class colour. */
export function fillOf(rate: number | null, breaks: readonly number[]): string {
  if (rate === null) return MAP_HIDDEN_COLOUR;
  if (rate === 0) return MAP_ZERO_COLOUR;
  return MAP_CLASS_COLOURS[classOf(rate, breaks)] as string;
}

/** Index of the class [breaks[i], breaks[i + 1]) holding the rate. */
export function classOf(rate: number, breaks: readonly number[]): number {
  let index = 0;
  breaks.forEach((b, i) => {
    if (rate >= b) index = i;
  });
  return index;
}

/** Each class as [from, to): `to` is the next class's start (excluded), or the largest rate (included) for the last. */
export function classRanges(breaks: readonly number[], rates: readonly number[]): { from: number; to: number; last: boolean }[] {
  const largest = Math.max(0, ...rates);
  return breaks.map((from, i) => ({ from, to: breaks[i + 1] ?? largest, last: i === breaks.length - 1 }));
}
