// Stands in for vega-projection/src/projections.js, which registers all of d3-geo's and one of
// d3-geo-projection's map projections when it loads. The map uses Equal Earth only (charts/cluster_map), so that
// is the one registered; VENDOR.json lists it and the site build refuses a spec with another. The rest is
// Vega's code: the same `create` wrapper, property list and path helper.
import {geoEqualEarth, geoPath} from 'd3-geo';
import {registerScale} from 'vega-scale';

const defaultPath = geoPath();

export const projectionProperties = ['clipAngle', 'clipExtent', 'scale', 'translate', 'center', 'rotate',
  'parallels', 'precision', 'reflectX', 'reflectY', 'coefficient', 'distance', 'fraction', 'lobes', 'parallel',
  'radius', 'ratio', 'spacing', 'tilt'];

function create(type, constructor) {
  return function projection() {
    const p = constructor();
    p.type = type;
    p.path = geoPath().projection(p);
    p.copy = p.copy || function() {
      const c = projection();
      projectionProperties.forEach((prop) => {
        if (p[prop]) c[prop](p[prop]());
      });
      c.path.pointRadius(p.path.pointRadius());
      return c;
    };
    return registerScale(p);
  };
}

const projections = {};

export function projection(type, proj) {
  if (!type || typeof type !== 'string') throw new Error('Projection type must be a name string.');
  type = type.toLowerCase();
  if (arguments.length > 1) {
    projections[type] = create(type, proj);
    return this;
  }
  return projections[type] || null;
}

export function getProjectionPath(proj) {
  return (proj && proj.path) || defaultPath;
}

projection('equalEarth', geoEqualEarth);
