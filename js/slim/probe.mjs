// Not shipped: js/build-runtime.mjs bundles this twice, with and without the stand-ins, to write down in
// VENDOR.json which marks, projections and data formats the runtime has and which of Vega's it leaves out.
import {Marks} from 'vega-scenegraph';
import {projection} from 'vega-projection';
import {formats} from 'vega-loader';
import {scheme} from 'vega-scale';

// Vega's projection and scheme registries cannot be listed, only asked; these are the names Vega 6 registers
// (the full bundle is asked too, so a name that is not Vega's fails the build).
const PROJECTIONS = ['albers', 'albersUsa', 'azimuthalEqualArea', 'azimuthalEquidistant', 'conicConformal',
  'conicEqualArea', 'conicEquidistant', 'equalEarth', 'equirectangular', 'gnomonic', 'identity', 'mercator',
  'mollweide', 'naturalEarth1', 'orthographic', 'stereographic', 'transverseMercator'];
const FORMATS = ['csv', 'dsv', 'json', 'topojson', 'tsv'];
const SCHEMES = ['tableau10', 'category10', 'blues', 'viridis', 'blueorange', 'yellowgreenblue'];

export const probe = {
  marks: Object.keys(Marks).sort(),
  projections: PROJECTIONS.filter((name) => projection(name)),
  formats: FORMATS.filter((name) => formats(name)),
  schemes: SCHEMES.filter((name) => scheme(name)),
};
