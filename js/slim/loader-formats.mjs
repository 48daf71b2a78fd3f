// Stands in for vega-loader/src/formats/index.js. Our charts load JSON only (the data files in figures/data and
// the map's GeoJSON), so the CSV/TSV (d3-dsv) and TopoJSON (topojson-client) readers are left out; VENDOR.json
// lists the formats kept and the site build refuses a spec that needs another.
import json from 'vega-loader/src/formats/json.js';
import {hasOwnProperty} from 'vega-util';

export const format = {json};

export function formats(name, reader) {
  if (arguments.length > 1) {
    format[name] = reader;
    return this;
  }
  return hasOwnProperty(format, name) ? format[name] : null;
}

export function responseType(type) {
  const f = formats(type);
  return f && f.responseType || 'text';
}
