// Stands in for vega-functions/src/functions/geo.js. Vega's geoArea, geoBounds and geoCentroid expression
// functions measure on the sphere (d3-geo's geoArea, geoBounds, geoCentroid) when given no projection; our
// specs call none of them, so those spherical measures are left out. With a projection they measure in pixels
// through the projection's path, as in Vega. VENDOR.json lists the three as unsupported, and the site build
// refuses a spec whose expressions call one.
import {getScale} from 'vega-functions/src/scales.js';
import {error} from 'vega-util';

function geoMethod(methodName, name) {
  return function(projection, geojson, group) {
    if (!projection) error(`${name} without a projection is left out of this chart runtime`);
    const p = getScale(projection, (group || this).context);
    return p && p.path[methodName](geojson);
  };
}

export const geoArea = geoMethod('area', 'geoArea');
export const geoBounds = geoMethod('bounds', 'geoBounds');
export const geoCentroid = geoMethod('centroid', 'geoCentroid');

export function geoScale(projection, group) {
  const p = getScale(projection, (group || this).context);
  return p && p.scale();
}
